/** The demo application: a small support agent with a tool, a deterministic model step and billing. */
import { EnrichWith, enrichSession, injectContextIntoCarrier, Trace } from '../../lib';

const SYSTEM_PROMPT = 'You are a support agent. Answer from the articles; say when you do not know.';

/** A rough token count (words and punctuation), as a stand-in for the model's own. */
const tokens = (text: string): number => text.split(/\b/).filter((t) => t.trim() !== '').length;

export interface Article {
  id: string;
  title: string;
  text: string;
}

/** Another team's service, traced into its own project ("billing"). */
export class Billing {
  @Trace({ tracer: 'billing', eventType: 'tool' })
  planOf(userId: string): { plan: string; renewsOn: string } {
    return { plan: userId.endsWith('1') ? 'premium' : 'free', renewsOn: '2026-12-01' };
  }
}

@Trace({ eventType: 'chain', metadata: { agent: 'support-v2' } })
export class SupportAgent {
  constructor(
    private readonly kbUrl: string,
    private readonly billing = new Billing(),
  ) {}

  async handle(userId: string, question: string): Promise<string> {
    const plan = this.billing.planOf(userId);
    enrichSession({ userProperties: { user_id: userId, plan: plan.plan } });
    const articles = await this.searchDocs(question);
    return this.generate(question, articles);
  }

  /** The tool: a distributed call to the knowledge service, carrying trace context and session. */
  @Trace({ eventType: 'tool' })
  @EnrichWith(({ result }) => ({ metrics: { articles: (result as Article[] | undefined)?.length ?? 0 } }))
  async searchDocs(query: string): Promise<Article[]> {
    const res = await fetch(`${this.kbUrl}/search?q=${encodeURIComponent(query)}`, {
      headers: injectContextIntoCarrier({}),
    });
    if (!res.ok) throw new Error(`knowledge service answered ${res.status}`);
    return (await res.json()) as Article[];
  }

  /**
   * The model step: deterministic, so the demo runs offline. It records what a real model call
   * records, in the conventions the viewer reads: the conversation, the answer and token counts.
   */
  @Trace({ eventType: 'model', config: { model: 'deterministic-echo-1', provider: 'demo', temperature: 0 } })
  @EnrichWith(({ args, result }) => {
    const [question, articles] = args as [string, Article[]];
    const context = articles.map((a) => a.text).join('\n');
    const answer = String(result ?? '');
    const prompt = tokens(SYSTEM_PROMPT) + tokens(context) + tokens(question);
    return {
      inputs: {
        chat_history: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: context ? `${question}\n\nArticles:\n${context}` : question },
        ],
      },
      outputs: { role: 'assistant', content: answer },
      metrics: {
        prompt_tokens: prompt,
        completion_tokens: tokens(answer),
        total_tokens: prompt + tokens(answer),
      },
    };
  })
  generate(question: string, articles: Article[]): string {
    if (question.toLowerCase().includes('refund')) throw new Error('refunds need a human: escalated');
    if (articles.length === 0)
      return `I could not find anything about "${question}". A teammate will follow up.`;
    return `${articles[0]!.text} (source: ${articles[0]!.title})`;
  }
}
