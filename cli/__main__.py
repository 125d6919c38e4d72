"""`python -m reasoner.cli`."""

from .main import main

main()
