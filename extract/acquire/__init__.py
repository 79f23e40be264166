"""Getting documents in: sources → bytes (fetch) → clean text and metadata (text) → language."""
