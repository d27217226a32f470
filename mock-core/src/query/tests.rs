use super::*;

#[test]
fn defaults_echo() {
    let q = TicketQuery::parse(None).unwrap();
    assert_eq!(
        Value::Object(q.echo),
        serde_json::json!({"limit": 25, "offset": 0, "sort_by": {"created_at": "asc"}})
    );
}

#[test]
fn errors_name_the_parameter() {
    for (raw, name) in [
        ("limit=1001", "limit"),
        ("offset=-1", "offset"),
        ("state=open", "state"),
        ("state=pending,pending", "state"),
        ("cancel_reason_id=1,1", "cancel_reason_id"),
        ("created_after=yesterday", "created_after"),
        ("customer_id=nope", "customer_id"),
        ("vin=ABC", "vin"),
        ("sort_by[color]=asc", "sort_by[color]"),
        ("sort_by[created_at]=up", "sort_by[created_at]"),
        ("limit=1&limit=2", "limit"),
        ("bogus=1", "bogus"),
    ] {
        let e = TicketQuery::parse(Some(raw)).unwrap_err();
        assert!(e.detail.starts_with(&format!("{name}:")), "{raw}: {}", e.detail);
    }
}
