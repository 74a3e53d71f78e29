use super::*;
use crate::error::Code;

fn conn() -> Connection {
    let c = Connection::open_in_memory().unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = ON;
         CREATE TABLE parent(id INTEGER PRIMARY KEY);
         CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
         CREATE TABLE note(t TEXT);",
    )
    .unwrap();
    c
}

fn count(c: &Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_deferred_foreign_key_fails_the_commit_and_leaves_autocommit() {
    let c = conn();
    c.execute_batch("PRAGMA defer_foreign_keys = ON").unwrap();
    let r = atomic(&c, || {
        c.execute("INSERT INTO note(t) VALUES ('lost')", [])?;
        c.execute("INSERT INTO child(id, parent_id) VALUES (1, 42)", [])?;
        Ok(())
    });
    assert!(r.is_err());
    assert!(c.is_autocommit());
    assert_eq!((count(&c, "note"), count(&c, "child")), (0, 0));
    // The next write is committed on its own.
    atomic(&c, || {
        Ok(c.execute("INSERT INTO note(t) VALUES ('kept')", [])?)
    })
    .unwrap();
    assert!(c.is_autocommit());
    assert_eq!(count(&c, "note"), 1);
}

#[test]
fn a_panic_inside_rolls_back_and_leaves_autocommit() {
    let c = conn();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = atomic(&c, || -> Result<()> {
            c.execute("INSERT INTO note(t) VALUES ('half')", [])?;
            panic!("boom");
        });
    }));
    assert!(caught.is_err());
    assert!(c.is_autocommit());
    assert_eq!(count(&c, "note"), 0);
}

#[test]
fn a_deferred_foreign_key_with_a_caught_panic_leaves_autocommit() {
    let c = conn();
    c.execute_batch("PRAGMA defer_foreign_keys = ON").unwrap();
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = atomic(&c, || -> Result<()> {
            c.execute("INSERT INTO child(id, parent_id) VALUES (1, 42)", [])?;
            panic!("after a violating insert");
        });
    }));
    assert!(caught.is_err());
    assert!(c.is_autocommit());
    assert_eq!(count(&c, "child"), 0);
}

#[test]
fn an_error_inside_a_nested_step_undoes_the_whole_change() {
    let c = conn();
    let r = atomic(&c, || {
        c.execute("INSERT INTO note(t) VALUES ('outer')", [])?;
        atomic(&c, || {
            Ok(c.execute("INSERT INTO note(t) VALUES ('inner')", [])?)
        })?;
        Err::<(), _>(Error::new(Code::Stop, "停", "stop"))
    });
    assert_eq!(r.unwrap_err().code, "stop");
    assert!(c.is_autocommit());
    assert_eq!(count(&c, "note"), 0);
}

#[test]
fn a_nested_savepoint_keeps_the_outer_transaction_open() {
    let c = conn();
    c.execute_batch("BEGIN").unwrap();
    let sp = Savepoint::begin(&c, "inner").unwrap();
    c.execute("INSERT INTO note(t) VALUES ('x')", []).unwrap();
    sp.rollback().unwrap();
    assert!(!c.is_autocommit(), "the caller's transaction is its own");
    c.execute_batch("COMMIT").unwrap();
    assert_eq!(count(&c, "note"), 0);
}

#[test]
fn a_transaction_left_open_is_rolled_back_and_reported() {
    let c = conn();
    c.execute_batch("BEGIN; INSERT INTO note(t) VALUES ('left open');")
        .unwrap();
    let err = end_open_transaction(&c).unwrap_err();
    assert_eq!(err.code, "transaction_rolled_back");
    assert!(c.is_autocommit());
    assert_eq!(count(&c, "note"), 0);
    assert!(end_open_transaction(&c).is_ok());
}
