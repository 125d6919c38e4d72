"""medaid: a logic reasoner for China's medical-assistance policy (重特大疾病医疗保险和救助)."""

__version__ = "0.1.0"
