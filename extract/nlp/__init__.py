"""spaCy components that find mentions: lemmas, sentences, gazetteers, numbers, quantities, dates, officials."""
