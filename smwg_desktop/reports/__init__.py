"""PDF documents, one module per document: the member directory, a meeting's agenda, its
sign-in sheet and its name badges. Each reads through the core, prints only what
``core.consent`` allows, and writes its file atomically."""
