"""medaid test suite."""
