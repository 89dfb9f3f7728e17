//! The whole partition log: the log start offset marker, the segments oldest first, and the log
//! end offset marker where the next record will go.

use std::rc::Rc;

use yew::prelude::*;

use super::{OffsetMarker, Segment};
use crate::playground::LogView;

/// Props of [`PartitionLog`].
#[derive(Properties, PartialEq)]
pub struct PartitionLogProps {
    /// The log to show.
    pub view: Rc<LogView>,
}

/// The log as a strip of segments between its two offset markers.
#[component]
pub fn PartitionLog(props: &PartitionLogProps) -> Html {
    let view = &props.view;
    html! {
        <section class="partition-log" aria-label="Partition playground-0">
            <h2>{ "Partition playground-0" }</h2>
            <div class="log-strip">
                <OffsetMarker name="LSO" title="Log start offset" class="lso"
                    offset={view.log_start_offset} />
                <ol class="segments" aria-label="Segments, oldest first">
                    { for view.segments.iter().map(|s| html! {
                        <Segment key={s.base_offset.0} segment={s.clone()}
                            segment_bytes={view.segment_bytes} />
                    }) }
                </ol>
                <OffsetMarker name="LEO" title="Log end offset" class="leo"
                    offset={view.log_end_offset} />
            </div>
        </section>
    }
}
