/** The hivetrace version, sent in `hh-client-version`. */
export const VERSION = '0.1.0';
