//! The inspector: tables in the shapes people know from Kafdrop and AKHQ, in three tabs —
//! topics and their partitions, consumer groups with committed offsets and lag, and a message
//! browser that reads a partition by offset. Every table has a caption and scoped headers, and
//! numbers are right-aligned; long tables are paged.

mod group_table;
mod groups_panel;
mod lag_table;
mod message_form;
mod message_table;
mod messages_panel;
mod pager;
mod partition_table;
mod tabs;
mod topic_list;
mod topics_panel;

pub use group_table::{GroupTable, GroupTableProps};
pub use groups_panel::{GroupsPanel, GroupsPanelProps};
pub use lag_table::{LagTable, LagTableProps};
pub use message_form::{MessageForm, MessageFormProps};
pub use message_table::{MessageTable, MessageTableProps};
pub use messages_panel::{MessagesPanel, MessagesPanelProps};
pub use pager::{Pager, PagerProps, page_count};
pub use partition_table::{PARTITIONS_PER_PAGE, PartitionTable, PartitionTableProps};
pub use tabs::{Inspector, InspectorProps};
pub use topic_list::{TopicList, TopicListProps};
pub use topics_panel::{TopicsPanel, TopicsPanelProps};

/// An offset as a table shows it: the number, or a dash when unknown (-1: offline).
pub fn offset_text(offset: i64) -> String {
    if offset < 0 { "—".into() } else { offset.to_string() }
}

/// Bytes as people read them: `812 B`, `14.2 KB`, `3.1 MB`.
pub fn size_text(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(offset_text(-1), "—");
        assert_eq!(offset_text(42), "42");
        assert_eq!(size_text(812), "812 B");
        assert_eq!(size_text(14_200), "14.2 KB");
        assert_eq!(size_text(3_100_000), "3.1 MB");
    }
}
