"""nndl: an open, autograded course in Neural Networks and Deep Learning."""
