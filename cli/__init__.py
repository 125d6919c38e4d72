"""The medaid command line (installed as reasoner.cli)."""
