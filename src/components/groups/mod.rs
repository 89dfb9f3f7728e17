//! Consumer groups: what each group is doing and why. The group shown in detail (its state and
//! what the state means, generation, assignor, coordinator, leader; its members, what each owns
//! and where it reads, with buttons to pause, commit, close or crash it), the lag table as
//! `kafka-consumer-groups.sh --describe` prints it, the rebalance timeline (join and sync
//! phases, why, who led, who gave up and received what, eager or cooperative), one line for
//! every other group, the standalone consumers, and lag over time.

mod consumer_controls;
mod group_detail;
mod group_list;
mod lag_chart;
mod lag_table;
mod member_card;
mod panel;
mod partition_chips;
mod rebalance_card;
mod rebalance_strip;
mod rebalances;
mod standalone;

pub use consumer_controls::{ConsumerControls, ConsumerControlsProps};
pub use group_detail::{GroupDetail, GroupDetailProps};
pub use group_list::{GroupList, GroupListProps};
pub use lag_chart::{DRAWN_SERIES, LagChartView, LagChartViewProps};
pub use lag_table::{LagTable, LagTableProps};
pub use member_card::{MemberCard, MemberCardProps};
pub use panel::{GroupsPanel, GroupsPanelProps};
pub use partition_chips::{PartitionChips, PartitionChipsProps};
pub use rebalance_card::{RebalanceCard, RebalanceCardProps};
pub use rebalance_strip::{RebalanceStrip, RebalanceStripProps};
pub use rebalances::{REBALANCES_LISTED, Rebalances, RebalancesProps};
pub use standalone::{StandaloneConsumers, StandaloneConsumersProps};
