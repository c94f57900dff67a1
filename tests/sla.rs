//! SLA tables: target boundaries, the at-risk threshold, pauses while
//! waiting, snooze return, S4 without a resolve target, labels, the at-risk
//! queue order, snooze parsing and compliance.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use loopboard::domain::{Severity, Status};
use loopboard::sla::{
    ClockInput, Phase, Policy, SnoozeError, SnoozeState, State, Targets, compliance, evaluate, parse_snooze, waited,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0)
        .single()
        .expect("valid time")
}

fn h(n: i64) -> Duration {
    Duration::hours(n)
}

fn d(n: i64) -> Duration {
    Duration::days(n)
}

/// An item created `age` ago, not yet triaged.
fn untriaged(severity: Option<Severity>, age: Duration) -> ClockInput {
    ClockInput {
        severity,
        status: Status::New,
        created_at: now() - age,
        triaged_at: None,
        resolved_at: None,
        paused: Duration::zero(),
        waiting_since: None,
        snoozed_until: None,
    }
}

/// An item triaged `age` ago (created an hour before that).
fn triaged(severity: Severity, age: Duration) -> ClockInput {
    ClockInput {
        status: Status::Triaged,
        triaged_at: Some(now() - age),
        ..untriaged(Some(severity), age + h(1))
    }
}

fn at_risk(left: Duration) -> Phase {
    Phase::AtRisk { left }
}

fn on_track(left: Duration) -> Phase {
    Phase::OnTrack { left }
}

#[test]
fn acknowledge_clock_boundaries_per_severity() {
    let p = Policy::default();
    let ms = Duration::milliseconds(1);
    // (severity, age, phase): target T; at risk from 0.75 T; breached after T.
    let table = [
        (Some(Severity::S1), Duration::zero(), on_track(h(4))),
        (Some(Severity::S1), h(3) - ms, on_track(h(1) + ms)),
        (Some(Severity::S1), h(3), at_risk(h(1))),
        (Some(Severity::S1), h(4), at_risk(Duration::zero())),
        (Some(Severity::S1), h(4) + ms, Phase::Breached { over: ms }),
        (Some(Severity::S2), h(17), on_track(h(7))),
        (Some(Severity::S2), h(18), at_risk(h(6))),
        (Some(Severity::S3), d(3) + h(5), Phase::Breached { over: h(5) }),
        (Some(Severity::S4), d(5), on_track(d(2))),
        (Some(Severity::S4), d(6), at_risk(d(1))),
        (None, h(17), on_track(h(7))),
        (None, h(19), at_risk(h(5))),
        (None, d(2), Phase::Breached { over: d(1) }),
    ];
    for (severity, age, want) in table {
        let sla = evaluate(&p, &untriaged(severity, age), now());
        assert_eq!(sla.ack, want, "{severity:?} created {age} ago");
    }
}

#[test]
fn resolve_clock_boundaries_per_severity() {
    let p = Policy::default();
    let table = [
        (Severity::S1, h(1), on_track(d(3) - h(1))),
        (Severity::S1, h(54), at_risk(h(18))),
        (Severity::S1, d(3), at_risk(Duration::zero())),
        (Severity::S1, d(3) + h(5), Phase::Breached { over: h(5) }),
        (Severity::S2, d(10), on_track(d(4))),
        (Severity::S2, d(11), at_risk(d(3))),
        (Severity::S3, d(31), on_track(d(11))),
        (Severity::S3, d(32), at_risk(d(10))),
        (Severity::S3, d(43), Phase::Breached { over: d(1) }),
    ];
    for (severity, age, want) in table {
        let sla = evaluate(&p, &triaged(severity, age), now());
        assert_eq!(sla.resolve, want, "{severity} triaged {age} ago");
    }
}

#[test]
fn the_at_risk_threshold_is_a_quarter_of_the_target_inclusive() {
    let p = Policy::default().with_targets(Severity::S2, Targets::parse("100m", "none").expect("targets"));
    let just = Duration::milliseconds(1);
    let item = |age| untriaged(Some(Severity::S2), age);
    assert_eq!(
        evaluate(&p, &item(Duration::minutes(75) - just), now()).ack.state(),
        Some(State::OnTrack)
    );
    assert_eq!(
        evaluate(&p, &item(Duration::minutes(75)), now()).ack.state(),
        Some(State::AtRisk)
    );
}

#[test]
fn stopped_clocks_are_met_on_the_target_and_missed_after_it() {
    let p = Policy::default();
    let mut item = untriaged(Some(Severity::S1), d(10));
    item.status = Status::Triaged;
    for (took, want) in [
        (h(2), Phase::Met { took: h(2) }),
        (h(4), Phase::Met { took: h(4) }),
        (h(6), Phase::Missed { took: h(6), over: h(2) }),
    ] {
        item.triaged_at = Some(item.created_at + took);
        assert_eq!(evaluate(&p, &item, now()).ack, want, "ack took {took}");
    }
    let triaged_at = item.created_at + h(1);
    item.triaged_at = Some(triaged_at);
    item.status = Status::Resolved;
    for (took, want) in [
        (d(3), Phase::Met { took: d(3) }),
        (
            d(3) + h(1),
            Phase::Missed {
                took: d(3) + h(1),
                over: h(1),
            },
        ),
    ] {
        item.resolved_at = Some(triaged_at + took);
        let sla = evaluate(&p, &item, now());
        assert_eq!(sla.resolve, want, "resolve took {took}");
        assert_eq!(sla.time_left(), None, "no clock runs");
    }
}

#[test]
fn waiting_pauses_the_resolve_clock_only() {
    let p = Policy::default();
    // Triaged 5 days ago; 3 of those spent waiting and done with: 2 days used.
    let mut item = triaged(Severity::S1, d(5));
    item.paused = d(3);
    assert_eq!(evaluate(&p, &item, now()).resolve, on_track(d(1)));
    // 104 hours since triage, 48 of them in finished pauses, and waiting
    // again for the last 30: the clock stopped at 26 hours used...
    let mut waiting = triaged(Severity::S1, h(104));
    waiting.paused = d(2);
    waiting.status = Status::Waiting;
    waiting.waiting_since = Some(now() - h(30));
    let sla = evaluate(&p, &waiting, now());
    assert_eq!(sla.resolve, on_track(h(46)));
    assert!(sla.paused);
    assert_eq!(
        sla.headline().as_deref(),
        Some("resolve on track · 1d 22h left · paused")
    );
    // ... and stands still however long the customer takes.
    assert_eq!(evaluate(&p, &waiting, now() + d(30)).resolve, on_track(h(46)));
    // Waiting before triage pauses nothing: the acknowledge clock runs on.
    let mut early = untriaged(None, d(2));
    early.status = Status::Waiting;
    early.waiting_since = Some(now() - d(2));
    let sla = evaluate(&p, &early, now());
    assert_eq!(sla.ack, Phase::Breached { over: d(1) });
    assert_eq!(sla.resolve, Phase::NotApplicable);
    assert!(!sla.paused);
}

#[test]
fn only_waiting_after_triage_counts_as_a_pause() {
    let t = now();
    assert_eq!(waited(Some(t - d(1)), t - d(3), t), d(1));
    assert_eq!(waited(Some(t - d(5)), t - d(3), t), d(3));
    assert_eq!(waited(None, t - d(3), t), Duration::zero());
    assert_eq!(waited(Some(t - d(5)), t, t - d(1)), Duration::zero());
    // Waiting that began before triage: the current pause starts at triage.
    let mut item = triaged(Severity::S2, d(3));
    item.waiting_since = Some(now() - d(10));
    assert_eq!(evaluate(&Policy::default(), &item, now()).resolve, on_track(d(14)));
}

#[test]
fn snoozed_items_return_at_the_moment_and_their_clocks_keep_running() {
    let p = Policy::default();
    let mut item = triaged(Severity::S1, d(2));
    item.status = Status::Snoozed;
    item.snoozed_until = Some(now() + h(12));
    let asleep = evaluate(&p, &item, now());
    assert_eq!(asleep.snooze, SnoozeState::Hidden { until: now() + h(12) });
    assert!(!asleep.snooze.is_visible());
    for later in [h(12), h(13)] {
        let back = evaluate(&p, &item, now() + later);
        assert_eq!(
            back.snooze,
            SnoozeState::Returned {
                since: Some(now() + h(12))
            },
            "+{later}"
        );
        assert_eq!(back.snooze.label(now() + later).as_deref(), Some("back from snooze"));
    }
    assert_eq!(evaluate(&p, &item, now() + h(12)).resolve, at_risk(h(12)));
    assert_eq!(
        evaluate(&p, &item, now() + d(2)).resolve,
        Phase::Breached { over: d(1) }
    );
}

#[test]
fn s4_has_no_resolve_target_and_closed_items_stop() {
    let p = Policy::default();
    let old = triaged(Severity::S4, d(400));
    let sla = evaluate(&p, &old, now());
    assert_eq!(sla.resolve, Phase::NotApplicable);
    assert_eq!(sla.resolve.label(), "no target");
    assert_eq!(sla.time_left(), None);
    assert_eq!(sla.headline(), None);
    // Untriaged: no resolve clock yet.
    assert_eq!(
        evaluate(&p, &untriaged(Some(Severity::S1), h(1)), now()).resolve,
        Phase::NotStarted
    );
    // Declined before triage or after it: the running clock stops.
    let mut declined = untriaged(None, d(9));
    declined.status = Status::Declined;
    assert_eq!(evaluate(&p, &declined, now()).ack, Phase::Closed);
    let mut dup = triaged(Severity::S1, d(9));
    dup.status = Status::Duplicate;
    let sla = evaluate(&p, &dup, now());
    assert_eq!((sla.resolve, sla.is_breached()), (Phase::Closed, false));
}

#[test]
fn labels_are_words_not_only_colour() {
    let table = [
        (on_track(d(2) + h(3)), "on track · 2d 3h left"),
        (at_risk(h(3)), "at risk · 3h left"),
        (Phase::Breached { over: h(5) }, "breached · 5h over"),
        (
            Phase::Met {
                took: Duration::minutes(200),
            },
            "met · took 3h 20m",
        ),
        (Phase::Missed { took: h(9), over: h(2) }, "missed · 2h over"),
        (Phase::NotStarted, "not started"),
        (Phase::Closed, "closed"),
    ];
    for (phase, want) in table {
        assert_eq!(phase.label(), want);
    }
    let sla = evaluate(&Policy::default(), &untriaged(Some(Severity::S1), h(3)), now());
    assert_eq!(sla.headline().as_deref(), Some("ack at risk · 1h left"));
    assert_eq!(sla.state().map(State::word), Some("at risk"));
}

#[test]
fn the_at_risk_queue_puts_the_most_overdue_first() {
    let p = Policy::default();
    let mut items = [
        ("on track", triaged(Severity::S3, d(1))),
        ("no clock", triaged(Severity::S4, d(30))),
        ("very late", triaged(Severity::S1, d(5))),
        ("at risk", untriaged(Some(Severity::S1), h(3))),
        ("late", untriaged(None, d(2))),
    ];
    // Sorted by time left, clocks that do not run last.
    items.sort_by_key(|(_, item)| {
        let left = evaluate(&p, item, now()).time_left();
        (left.is_none(), left)
    });
    let order: Vec<&str> = items.iter().map(|(name, _)| *name).collect();
    assert_eq!(order, ["very late", "late", "at risk", "on track", "no clock"]);
}

#[test]
fn snooze_text_becomes_a_moment_in_the_future() {
    let plus2 = FixedOffset::east_opt(2 * 3600).expect("offset");
    let at = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("valid");
    let table = [
        ("3d", now() + d(3)),
        ("2w", now() + d(14)),
        ("12h", now() + h(12)),
        (" 1 day ", now() + d(1)),
        ("2026-12-01", at(2026, 11, 30, 22)), // midnight at +02:00
        ("2026-11-21", at(2026, 11, 20, 22)),
    ];
    for (text, want) in table {
        assert_eq!(parse_snooze(text, now(), &plus2), Ok(want), "{text}");
    }
    assert_eq!(parse_snooze("2026-12-01", now(), &Utc), Ok(at(2026, 12, 1, 0)));
}

#[test]
fn snooze_rejects_junk_and_the_past_clearly() {
    let table = [
        ("", "expected 3d, 2w, 12h or a date like 2026-12-01"),
        ("tomorrow-ish", "expected 3d, 2w, 12h"),
        ("3x", "expected 3d, 2w, 12h"),
        ("2026-02-30", "expected 3d, 2w, 12h"),
        ("-3d", "expected 3d, 2w, 12h"),
        ("0d", "is not in the future"),
        ("2026-11-20", "is not in the future"), // today began at midnight
        ("2025-01-01", "is not in the future"),
        ("99999999999w", "too far ahead"),
    ];
    for (text, want) in table {
        let err = parse_snooze(text, now(), &Utc).expect_err(text);
        assert!(err.to_string().contains(want), "{text}: {err}");
    }
    assert_eq!(
        parse_snooze("2025-01-01", now(), &Utc),
        Err(SnoozeError::NotInFuture("2025-01-01".to_string()))
    );
}

#[test]
fn compliance_counts_within_target_medians_and_open_breaches() {
    let p = Policy::default();
    let created = now() - d(30);
    let item = |severity, ack: Duration, resolve: Option<Duration>, paused: Duration| ClockInput {
        severity: Some(severity),
        status: if resolve.is_some() {
            Status::Resolved
        } else {
            Status::Triaged
        },
        created_at: created,
        triaged_at: Some(created + ack),
        resolved_at: resolve.map(|r| created + ack + paused + r),
        paused,
        waiting_since: None,
        snoozed_until: None,
    };
    let items = [
        item(Severity::S1, h(1), Some(d(1)), Duration::zero()),
        item(Severity::S1, h(3), Some(d(2)), d(10)), // 10 days waiting do not count
        item(Severity::S1, h(8), Some(d(5)), Duration::zero()), // late twice
        item(Severity::S1, h(2), None, Duration::zero()), // open for 30 days: breached
        untriaged(Some(Severity::S1), h(5)),         // not acknowledged, breached
        item(Severity::S4, d(2), Some(d(20)), Duration::zero()),
        untriaged(None, d(3)), // unrated: in no row
    ];
    let rows = compliance(&items, &p, now());
    let s1 = &rows[0];
    assert_eq!((s1.severity, s1.items), (Severity::S1, 5));
    assert_eq!((s1.acknowledged, s1.ack_within_target, s1.ack_breached), (4, 3, 1));
    assert_eq!(
        (s1.resolved, s1.resolved_within_target, s1.resolve_breached),
        (3, Some(2), 1)
    );
    assert_eq!(s1.median_ack, Some(h(2) + Duration::minutes(30)));
    assert_eq!(s1.median_resolve, Some(d(2)));
    let s4 = &rows[3];
    assert_eq!((s4.items, s4.resolved, s4.resolved_within_target), (1, 1, None));
    assert_eq!(s4.median_resolve, Some(d(20)));
    assert_eq!((rows[1].items, rows[1].median_ack), (0, None));
}
