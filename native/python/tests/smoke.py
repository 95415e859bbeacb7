"""The installed package works with no network: import, a mock_response streamed
call and a whole one. Run by the release workflow on every wheel's own OS/arch, by
its verify job after publishing, and by scripts/python-check.mjs on the sdist build.

    python smoke.py    # prints "OK <version>"
"""

import edgequake_python as litellm
from edgequake_python import completion

MESSAGES = [{"role": "user", "content": "hi"}]

stream = completion(model="openai/gpt-4o-mini", messages=MESSAGES, mock_response="streamed with no network", stream=True)
text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
assert text == "streamed with no network", text
assert stream.timing is not None and stream.timing["first_token_ms"] is not None

whole = completion(model="anthropic/claude-sonnet-4-0", messages=MESSAGES, mock_response="whole")
assert whole.choices[0].message.content == "whole"
assert whole["choices"][0]["message"]["content"] == "whole"

print("OK", litellm.__version__)
