"""The CDK app of the interview platform (see docs/infra.md)."""

import os

# jsii runs aws-cdk-lib in a Node.js child process that warns on every start about this
# machine's Node 20; the warning is not about anything this app does. (The variables list
# the Node major versions to stay quiet about.)
_QUIET_NODE_MAJORS = "18,19,20,21"
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", _QUIET_NODE_MAJORS)
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", _QUIET_NODE_MAJORS)
