/**
 * The flow core's public face: pure functions over WorkItems, with time as an argument.
 * Nothing here touches the browser, the network or the clock.
 */
export type { FlowEvent, FlowState, ItemLink, Person, WorkItem } from './model';
export { analyzeItem, causeText, shortDate, type AnalysisContext, type ItemAnalysis } from './analyze';
export { analyzeGraph, type GraphAnalysis } from './graph';
export { CLUSTERS, flakyChecks, type Cluster } from './clusters';
export { clusterSummary, type ClusterSummary } from './summary';
export { RUBRIC, SUCCESS_STORY, skill, type Level, type Skill } from './rubric';
export { DEFAULT_RULES, suggestMoves, type Move, type Rule } from './rules';
export { parseCustomMoves, type CustomMove } from './custom-moves';
export { defaultFlowSettings, parseFlowSettings, type FlowSettings } from './flow-settings';
export { replay, type FlowInterval } from './intervals';
export { workingMs } from './working-time';
