//! A marker pointing at a position in a log, such as the high watermark or the log end offset.

use kplay_core::Offset;
use yew::prelude::*;

/// Props of [`OffsetMarker`].
#[derive(Properties, PartialEq)]
pub struct OffsetMarkerProps {
    /// The short name shown on the marker, such as `LEO`.
    pub name: AttrValue,
    /// The full name read out by screen readers, such as `Log end offset`.
    pub title: AttrValue,
    /// The offset it points at.
    pub offset: Offset,
    /// An extra CSS class naming the marker, such as `leo`.
    pub class: AttrValue,
}

/// A labelled marker, as an item of the log's list: the name on top, the offset beneath.
#[component]
pub fn OffsetMarker(props: &OffsetMarkerProps) -> Html {
    let label = format!("{} {}", props.title, props.offset);
    html! {
        <li class={classes!("marker", props.class.to_string())} aria-label={label}
            title={props.title.clone()}>
            <span class="marker-name" aria-hidden="true">{ props.name.clone() }</span>
            <span class="marker-value" aria-hidden="true">{ props.offset.to_string() }</span>
        </li>
    }
}
