"""Price table and Generation -> cost."""

from .pricing import SOURCE_PROVIDER, SOURCE_TABLE, SOURCE_UNPRICED, PriceFileError, PriceTable, Quote

__all__ = ["PriceTable", "Quote", "PriceFileError", "SOURCE_TABLE", "SOURCE_PROVIDER", "SOURCE_UNPRICED"]
