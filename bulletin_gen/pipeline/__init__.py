"""One build, start to finish: the stages run in order."""
