"""Forms of the casework staff pages, one module per area."""
