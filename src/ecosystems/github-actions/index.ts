// The GitHub Actions model: workflows, actions, `uses:` references, expressions and the contexts they
// read, and the call-following walk.
export { actionParser, isActionPath, toAction, type Action, type ActionInput } from "./action.js";
export { accountNameContext, contextCapability, DEFAULT_ENV_FOR, PRIVILEGED_OUTSIDER_EVENTS, triggerReach, UNPRIVILEGED_OUTSIDER_EVENTS, writerContext, type Capability } from "./contexts.js";
export { accessPath, childrenOf, contextAccesses, findExpressions, flowingAccesses, hasCall, isConstant, MAX_EXPRESSION_NODES, parseExpression, pathText, SAFE_FUNCTIONS, type ContextAccess, type Expr, type FencedExpression } from "./expressions.js";
export { allScalars, isMapping, nodeSpan, spanAt, str, strList, strMap, taggedScalar, trailingComment, type Span, type Str } from "./located.js";
export { actionName, actionRef, parseUses, type Uses } from "./uses.js";
export { calledWorkflow, loadActions, loadWorkflows, localPath, locallyCalledWorkflows, selfCalledPath, usedAction, walkSteps, workflowFiles, type CallFrame, type StepVisit, type UnfollowedCall } from "./walk.js";
export { allSteps, isWorkflowPath, pushesTags, toStep, toWorkflow, workflowParser, type Container, type Job, type Permissions, type Step, type Trigger, type Workflow } from "./workflow.js";
