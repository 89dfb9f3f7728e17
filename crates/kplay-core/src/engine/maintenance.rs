//! Periodic work: retention and compaction on every replica (every
//! `log.retention.check.interval.ms`), and preferred leader election (every
//! `leader.imbalance.check.interval.seconds`).

use crate::event::{ElectionReason, Event};
use crate::ids::{BrokerId, TopicPartition};
use crate::vec_map::VecMap;

use super::{Engine, Timer};

impl Engine {
    /// Retention and compaction on every running broker's replicas.
    pub(crate) fn run_log_maintenance(&mut self) {
        let now = self.now;
        let mut events = Vec::new();
        let mut moved_start: Vec<(BrokerId, TopicPartition)> = Vec::new();
        for node in self.brokers.values_mut().filter(|n| n.running) {
            for (tp, replica) in node.replicas.iter_mut() {
                let Some(config) = self.image.topics.get(&tp.topic).map(|t| &t.config) else {
                    continue;
                };
                let hw = replica.high_watermark;
                let outcome = replica.log.delete_old_segments(now, config, hw);
                if let Some(reason) = outcome.rolled {
                    let base = replica.log.log_end_offset();
                    events.push(Event::rolled(tp, node.id, base, reason));
                }
                for deleted in &outcome.deleted {
                    events.push(Event::SegmentDeleted {
                        partition: tp.clone(),
                        broker: node.id,
                        base_offset: deleted.segment.base_offset,
                        next_offset: deleted.segment.next_offset,
                        reason: deleted.reason,
                    });
                }
                if !outcome.deleted.is_empty() {
                    moved_start.push((node.id, tp.clone()));
                }
                if let Some(stats) = replica.log.compact(now, config, hw) {
                    events.push(Event::LogCompacted {
                        partition: tp.clone(),
                        broker: node.id,
                        superseded: stats.superseded,
                        tombstones: stats.tombstones,
                        removed: stats.removed,
                    });
                }
            }
        }
        self.emit_all(events);
        // A consumer parked on data that retention just deleted gets OFFSET_OUT_OF_RANGE now.
        for (broker, tp) in moved_start {
            self.wake_fetches(broker, &tp);
        }
        let next = now.plus_ms(self.config.log_retention_check_interval_ms);
        self.timers.schedule(next, Timer::LogMaintenance);
    }

    /// Kafka's auto leader rebalance: for each broker whose share of partitions led elsewhere,
    /// among those it is preferred for, exceeds `leader.imbalance.per.broker.percentage`, move
    /// leadership back to it where it is in the ISR.
    pub(crate) fn run_leader_imbalance_check(&mut self) {
        let next = self.now.plus_ms(self.config.leader_imbalance_check_interval_ms);
        self.timers.schedule(next, Timer::LeaderImbalance);
        if !self.config.auto_leader_rebalance_enable {
            return;
        }
        let mut preferred: VecMap<BrokerId, (usize, Vec<TopicPartition>)> = VecMap::new();
        for (tp, p) in self.image.partitions() {
            let Some(&first) = p.replicas.first() else { continue };
            let entry = preferred.entry(first).or_default();
            entry.0 += 1;
            if p.leader != Some(first) {
                entry.1.push(tp);
            }
        }
        let threshold = f64::from(self.config.leader_imbalance_per_broker_percentage);
        for (broker, (total, not_led)) in preferred {
            let ratio = 100.0 * not_led.len() as f64 / total as f64;
            if ratio <= threshold || !self.image.is_live(broker) {
                continue;
            }
            for tp in not_led {
                self.move_leader(&tp, broker, ElectionReason::PreferredReplica);
            }
        }
    }
}
