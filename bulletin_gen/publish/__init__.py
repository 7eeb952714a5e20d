"""`bulletin publish`: releases on the web server, switched live in one step, kept for rollback.

releases.py decides (pure), local.py and remote.py act on a target,
preflight.py vouches for the build, publisher.py runs the steps in order.
"""
