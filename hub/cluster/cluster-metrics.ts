/** The cluster log's series on the hub's `/metrics` (issue 16). */
import type { Metrics } from '../metrics';
import type { NatsFeedLog } from './nats-log';

export function exportClusterMetrics(metrics: Metrics, log: NatsFeedLog): void {
  metrics.collect(() => {
    metrics.setGauge('cur_hub_cluster_nats_server', 'The NATS server this hub node is connected to now (1)', [
      [{ stream: log.stream, server: log.server() }, 1],
    ]);
    metrics.setGauge('cur_hub_cluster_published', 'Changes this hub node published to the stream', [[{}, log.published]]);
    metrics.setGauge('cur_hub_cluster_stale_dropped', 'Upserts dropped when applied: older than the stored version (another node had a newer one)', [
      [{}, log.droppedStale],
    ]);
    metrics.setGauge(
      'cur_hub_cluster_malformed_changes',
      'Stream messages that were not valid changes (applied as far as valid, the rest left out; see the log)',
      [[{}, log.malformed]],
    );
    metrics.setGauge(
      'cur_hub_cluster_consumer_restarts',
      'Times the projection got a new stream consumer (a NATS node lost, a consumer silent or behind; stream-reader.ts), tries that made none included',
      [[{}, log.consumerRestarts]],
    );
    metrics.setGauge('cur_hub_cluster_trimmed_to', "The changes stream's first seq after this node's last purge behind a checkpoint (0: none yet)", [
      [{}, log.trimmedTo],
    ]);
    if (log.sources) metrics.setGauge('cur_hub_cluster_federal_sources', 'Regions (source streams) of this federal view', [[{}, log.sources.length]]);
    metrics.setGauge('cur_hub_cluster_fault', 'The cluster log cannot store changes (1): see /healthz', [[{}, log.storageFault() ? 1 : 0]]);
  });
}
