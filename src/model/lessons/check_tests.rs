use super::*;

#[test]
fn checks_read_as_written() {
    assert_eq!(
        Check::parse("leader-changed orders 0").unwrap(),
        Check::LeaderChanged("orders".into(), 0)
    );
    assert_eq!(Check::parse("broker-down 2").unwrap(), Check::BrokerDown(2));
    assert_eq!(Check::parse("no-topic t").unwrap(), Check::Topic("t".into(), false));
    assert_eq!(
        Check::parse(r#"event "NOT_ENOUGH_REPLICAS""#).unwrap(),
        Check::Event("NOT_ENOUGH_REPLICAS".into())
    );
    assert_eq!(
        Check::parse("records orders 2 >= 5").unwrap(),
        Check::Count(Count::Records("orders".into(), Some(2)), Op::AtLeast, 5)
    );
    assert_eq!(
        Check::parse("records orders > 5").unwrap(),
        Check::Count(Count::Records("orders".into(), None), Op::Above, 5)
    );
    assert_eq!(
        Check::parse("running-brokers == 2").unwrap(),
        Check::Count(Count::RunningBrokers, Op::Equal, 2)
    );
}

#[test]
fn wrong_checks_say_why() {
    assert_eq!(
        Check::parse("members billing").unwrap_err(),
        "a comparison (>=, <=, ==, >, <) is missing"
    );
    assert_eq!(Check::parse("memberz billing >= 2").unwrap_err(), "“memberz” is not a check");
    assert_eq!(Check::parse("members billing >= two").unwrap_err(), "“two” is not a valid number");
    assert_eq!(Check::parse("broker-down 2 3").unwrap_err(), "unexpected “3”");
    assert_eq!(Check::parse("").unwrap_err(), "the check is empty");
}

#[test]
fn comparisons_compare() {
    assert!(Op::AtLeast.holds(3, 3) && !Op::AtLeast.holds(2, 3));
    assert!(Op::AtMost.holds(3, 3) && !Op::AtMost.holds(4, 3));
    assert!(Op::Above.holds(4, 3) && !Op::Above.holds(3, 3));
    assert!(Op::Below.holds(2, 3) && !Op::Below.holds(3, 3));
    assert!(Op::Equal.holds(3, 3) && !Op::Equal.holds(2, 3));
}
