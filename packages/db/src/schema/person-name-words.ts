import { index, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Every distinct word of every person's search name. Typo-tolerant search looks a typed word up
 * here (trigram similarity over a few thousand words, not a million names), then finds the
 * persons carrying any of the close words through `persons.search_words`.
 */
export const personNameWords = pgTable(
  'person_name_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('person_name_words_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);
