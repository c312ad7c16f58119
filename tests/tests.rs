//! Integration tests: the CLI end to end on the sample documents.
