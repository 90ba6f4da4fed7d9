/** `hivetrace/collector`: the local HoneyHive-compatible backend. */
export {};
