"""Running the pipeline over many sources and writing the warehouse."""
