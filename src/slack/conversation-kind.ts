/**
 * Slack conversation ids and event channel types → the kinds chatAsk knows. A DM is private by nature; a
 * channel, a private channel or a group DM is shared.
 */
export function conversationKind(channelId: string, channelType?: string): 'dm' | 'channel' | 'group' {
  if (channelType === 'im') return 'dm';
  if (channelType === 'mpim' || channelType === 'group') return 'group';
  if (channelType === 'channel') return 'channel';
  if (channelId.startsWith('D')) return 'dm';
  if (channelId.startsWith('G')) return 'group';
  return 'channel';
}
