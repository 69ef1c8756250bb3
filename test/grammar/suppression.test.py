# SYNTAX TEST "source.python" "ai-preflight-ignore in Python comments"
api_key = load()  # ai-preflight-ignore: hardcoded-secrets rotated test key, see SEC-12
#                   ^^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.ai-preflight
#                   ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.python
#                                      ^ punctuation.separator.suppression.ai-preflight
#                                        ^^^^^^^^^^^^^^^^^ entity.name.tag.rule-id.ai-preflight
#                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.ai-preflight
    # ai-preflight-ignore: trust-remote-code
#     ^^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.ai-preflight
#                          ^^^^^^^^^^^^^^^^^ entity.name.tag.rule-id.ai-preflight
# an ordinary comment mentioning nothing special
# ^^^^^^^^^^^^^^^^^^^ - keyword.control.directive.suppression.ai-preflight
s = "# ai-preflight-ignore: not-a-comment inside a string"
#      ^^^^^^^^^^^^^^^^^^^ - keyword.control.directive.suppression.ai-preflight
#      ^^^^^^^^^^^^^^^^^^^ string.quoted.double.python
