/**
 * The flow core's public face: pure functions over WorkItems, with time as an argument.
 * Nothing here touches the browser, the network or the clock.
 */
export type { FlowEvent, FlowState, ItemKind, ItemLink, LinkKind, Person, Source, WorkItem } from './model';
export { analyzeItem, type AnalysisContext, type ClusteredInterval, type ItemAnalysis } from './analyze';
export { replay, type BlockedInterval, type FlowInterval } from './blocked-intervals';
export { causeText, shortDate } from './cause-text';
export type { Cause, CauseKind } from './conditions';
export { analyzeGraph, type GraphAnalysis } from './graph';
export { CLUSTERS, CLUSTER_WORDS, clusterName, clusterOf, flakyChecks, type Cluster } from './clusters';
export { FLOW_STATES, NOT_DONE_STATES, STATE_WORDS, isStuck, stateName } from './flow-states';
export { blockedTimeByCluster, type ClusterBlockedTime } from './cluster-time';
export { RUBRIC, SUCCESS_STORY, skill, type Level, type Skill } from './rubric';
export { suggestMoves, type Move, type Rule, type RuleContext } from './moves';
export { DEFAULT_RULES, DEFAULT_RULE_IDS } from './rules';
export { customMoveSchema, parseCustomMoves, type CustomMove } from './custom-moves';
export { parseRuleSet, type RuleSet } from './rule-set';
export { defaultFlowSettings, flowSettingsSchema, parseFlowSettings, type FlowSettings } from './flow-settings';
export { shortKey } from './item-names';
export { parseTime } from './time';
export { workingMs } from './working-time';
