/** Placeholder demo: replaced by the collector demo. */
import '../sample1-quickstart/main';
