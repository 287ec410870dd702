//! The first steps from the keyboard only (Tab, Enter, a visible focus), then the app quits
//! mid-wizard and, started again, offers the unfinished wizard and reopens it where it was.

use std::time::Duration;

use fantoccini::Locator;

use crate::ui::*;
use crate::webdriver::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a D-Bus keychain, tauri-driver and the built app: run scripts/ci/app.sh"]
async fn keyboard_only_then_an_unfinished_wizard_reopens_where_it_was_after_a_restart() {
    let dirs = Dirs::new();
    let (driver, port) = start_driver(&dirs, "http://127.0.0.1:9");
    let c = session(port).await;
    demo_to_start(&c).await;
    // From the keyboard only: Tab to the task, Enter; type the name; Tab to Next, Enter.
    tab_to(&c, "flow-elastic").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    tab_to(&c, "trunk-name").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys("Draft Trunk")
        .await
        .unwrap();
    wait_for(
        &c,
        "#termination-availability",
        "the address is free",
        |t| t.contains("is free"),
    )
    .await;
    next_enabled(&c, "trunk").await;
    tab_to(&c, "next").await;
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-flow-step=auth]"))
        .await
        .expect("Enter on Next reached the auth step");
    click(&c, "#use-acl").await;
    fill(&c, "#acl-addresses-input", "93.184.216.40").await;
    click(&c, "#acl-addresses-add").await;
    wait_count(&c, "#acl-addresses .chip", 1).await;
    next_to(&c, "auth", "origination").await;
    // The draft is saved on every step change; give the write a moment, then quit the app.
    tokio::time::sleep(Duration::from_millis(800)).await;
    c.close().await.unwrap();
    drop(driver);

    let (_driver, port) = start_driver(&dirs, "http://127.0.0.1:9");
    let c = session(port).await;
    wait_for(&c, ".frame[data-ready=true] #badge", "the frame", |_| true).await;
    if c.find(Locator::Css("#flow-elastic")).await.is_err() {
        if c.find(Locator::Css("#choose-demo")).await.is_ok() {
            click(&c, "#choose-demo").await;
        }
        wait_for(&c, "#numbers-total", "the demo's numbers", |t| {
            t.contains("numbers, loaded in")
        })
        .await;
        click(&c, "#next").await;
        click(&c, "#next").await;
    }
    let text = wait_for(&c, "#draft-text", "the unfinished wizard", |t| {
        t.contains("Draft Trunk")
    })
    .await;
    assert!(text.contains("step 3 of 8"), "{text}");
    shot(&c, "elastic-draft-01-offered").await;
    click(&c, "#draft-resume").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-flow-step=origination]"))
        .await
        .expect("back on the origination step");
    assert_eq!(count(&c, ".rail li.done").await, 2);
    shot(&c, "elastic-draft-02-reopened").await;
    click(&c, "#back").await;
    wait_count(&c, "#acl-addresses .chip[data-value='93.184.216.40']", 1).await;
    click(&c, "#back").await;
    let name = c
        .find(Locator::Css("#trunk-name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("Draft Trunk"));
    c.close().await.unwrap();
}
