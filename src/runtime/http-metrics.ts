/** A minimal Prometheus text exposition for the web process: request counts and durations by route and status,
 * plus process gauges. Kept dependency-free; labels are bounded (routes are the registered paths, not raw URLs). */
export class HttpMetrics {
  private readonly counts = new Map<string, number>();
  private readonly durations = new Map<string, number>();
  private readonly started = Date.now();

  record(route: string, status: number, seconds: number): void {
    const key = `route="${route}",status="${status}"`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.durations.set(key, (this.durations.get(key) ?? 0) + seconds);
  }

  render(): string {
    const lines = [
      '# HELP kpibot_http_requests_total HTTP requests handled, by route and status.',
      '# TYPE kpibot_http_requests_total counter',
      ...[...this.counts].map(([k, v]) => `kpibot_http_requests_total{${k}} ${v}`),
      '# HELP kpibot_http_request_seconds_sum Total time spent answering HTTP requests, by route and status.',
      '# TYPE kpibot_http_request_seconds_sum counter',
      ...[...this.durations].map(([k, v]) => `kpibot_http_request_seconds_sum{${k}} ${v.toFixed(6)}`),
      '# HELP kpibot_process_uptime_seconds Seconds since the process started.',
      '# TYPE kpibot_process_uptime_seconds gauge',
      `kpibot_process_uptime_seconds ${((Date.now() - this.started) / 1000).toFixed(1)}`,
      '# HELP kpibot_process_resident_memory_bytes Resident memory size.',
      '# TYPE kpibot_process_resident_memory_bytes gauge',
      `kpibot_process_resident_memory_bytes ${process.memoryUsage().rss}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
