"""medaid in a browser and over HTTP: a thin layer over reasoner/ (`medaid serve`)."""
