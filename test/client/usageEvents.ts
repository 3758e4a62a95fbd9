import { postUsage, TEST_API_KEY } from '../helpers/testServer';

export interface SampleEvent {
  user_id: string;
  action: string;
  duration: number;
  success: boolean;
  timestamp?: string;
}

/** Records usage events through the public REST door, failing the test on any refusal. */
export async function recordUsage(
  serverUrl: string,
  events: SampleEvent[],
  credential?: string,
): Promise<void> {
  for (let start = 0; start < events.length; start += 1000) {
    const batch = events.slice(start, start + 1000);
    const response = await postUsage(serverUrl, batch, credential);
    if (!response.ok)
      throw new Error(`recording failed: ${response.status} ${await response.text()}`);
  }
}

export { TEST_API_KEY };

/** `count` events spread over agents, users and outcomes, the way a busy week looks. */
export function manyEvents(count: number): SampleEvent[] {
  const agents = ['lead_generation', 'lead_generation', 'financial_analysis', 'email_drafting'];
  return Array.from({ length: count }, (_, index) => ({
    user_id: `user_${index % 7}`,
    action: agents[index % agents.length] ?? 'lead_generation',
    duration: 0.5 + (index % 13) * 0.37,
    success: index % 11 !== 0,
  }));
}
