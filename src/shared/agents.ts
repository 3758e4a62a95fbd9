/**
 * The agents the app runs today. They always appear in `agent_usage`, even at zero, so a
 * dashboard can show them before their first action. Any other action slug is accepted and
 * reported by name: adding an agent needs no change here.
 */
export const KNOWN_AGENTS = ['lead_generation', 'financial_analysis'] as const;
