//! The producers: each one's settings and counts, its records travelling to the partition its
//! partitioner chose (with the choice spelled out), and a form to send one record by hand.

mod choice_list;
mod flight_lanes;
mod produce_form;
mod producer_card;
mod producers_panel;

pub use choice_list::{ChoiceList, ChoiceListProps};
pub use flight_lanes::{FlightLanes, FlightLanesProps, LANES_MAX};
pub use produce_form::{ProduceOne, ProduceOneProps};
pub use producer_card::{ProducerCard, ProducerCardProps};
pub use producers_panel::{CHOICES_OPEN_MAX, Producers, ProducersProps};
