//! The TypeScript types in `ui/src/bindings/` are generated from the Rust types that cross IPC.
//! This test regenerates them into a temp dir and fails when the committed files differ, so a
//! Rust change cannot silently break the UI. Run with `UPDATE_BINDINGS=1` to rewrite them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use switchboard_core::engine::{Event as ApplyEvent, StepKind};
use switchboard_core::export::done::{DoneRow, DoneSection, DoneSheet};
use switchboard_core::inventory::{
    ByocTrunkSummary, CredentialListSummary, Inventory, InventoryEvent, InventoryNumber,
    IpAclSummary, OriginationView, SipDomainSummary, TrunkSummary,
};
use switchboard_core::spec::Spec;
use switchboard_core::validate::{Issue, Severity};
use switchboard_desktop::commands::calls::{CallStatusEvent, TestCallRequest};
use switchboard_desktop::commands::connectivity::{
    CertificateView, ConnectivityEvent, ConnectivityRequest, ConnectivityResult,
    ConnectivitySummary,
};
use switchboard_desktop::commands::dialplan::{
    DialOutcome, DialPlanError, DialPlanLint, DialPlanReport, DialPlanRequest, DialPlanSyntax,
    DialResult,
};
use switchboard_desktop::commands::presets::{
    AnswerState, AnswersCheck, BolnaKeyStatus, BolnaRegistration, ChoiceView, FarSideRow,
    FarSideSection, FarSideSheet, ImportSpecRequest, ImportedSpec, PasswordSlot, PresetAnswers,
    PresetBuild, PresetBuildResult, PresetForm, PresetSummary, QuestionKind, QuestionView,
    RegisterBolnaRequest, SavedFile, SheetFormat,
};
use switchboard_desktop::error::{AppError, Code};
use switchboard_desktop::ipc::*;
use switchboard_desktop::profiles::{ProfileEndpointUpdated, UpdateProfileEndpointRequest};
use switchboard_desktop::wizard::view::{
    ApplyOutcome, CheckKind, CreatedView, DomainAvailability, DomainKind, Draft, ExportFormat,
    ItemCheck, PasswordStatus, PendingRun, PlanStepView, PlanView, SaveFormat, SavedSheet,
};
use ts_rs::TS;

fn generate(dir: &Path) {
    macro_rules! export {
        ($($t:ty),* $(,)?) => { $( <$t>::export_all_to(dir).expect(concat!("export ", stringify!($t))); )* };
    }
    export!(
        AppError,
        Code,
        EndpointSettings,
        CredentialInput,
        ConnectAccountRequest,
        CredentialKind,
        ProfileView,
        ProfileList,
        AccountView,
        SessionView,
        SwitchProfileRequest,
        ForgetProfileRequest,
        ForgetOutcome,
        NumberView,
        NumbersEvent,
        NumbersSummary,
        Diagnostics,
        UpdateProfileEndpointRequest,
        ProfileEndpointUpdated,
    );
    // Dial plan and test call (FLOWS7 room).
    export!(
        DialPlanSyntax,
        DialPlanRequest,
        DialPlanError,
        DialPlanLint,
        DialOutcome,
        DialResult,
        DialPlanReport,
        TestCallRequest,
        CallStatusEvent,
    );
    // Wizard specs, plans, apply, sheets, drafts, inventory (BACKEND room); export_all_to also
    // writes every type inside them (ElasticTrunk, Byoc, SipDomain, their parts, Twilio enums).
    export!(
        Spec,
        Issue,
        Severity,
        StepKind,
        ApplyEvent,
        CheckKind,
        ItemCheck,
        DomainKind,
        DomainAvailability,
        PlanView,
        PlanStepView,
        ApplyOutcome,
        CreatedView,
        PendingRun,
        PasswordStatus,
        ExportFormat,
        SaveFormat,
        SavedSheet,
        Draft,
        DoneSheet,
        DoneSection,
        DoneRow,
        Inventory,
        InventoryEvent,
        TrunkSummary,
        OriginationView,
        ByocTrunkSummary,
        SipDomainSummary,
        IpAclSummary,
        CredentialListSummary,
        InventoryNumber,
    );
    // Presets and connectivity (PRESETS room).
    export!(
        PresetSummary,
        QuestionKind,
        ChoiceView,
        QuestionView,
        PresetForm,
        AnswerState,
        AnswersCheck,
        PasswordSlot,
        FarSideRow,
        FarSideSection,
        FarSideSheet,
        PresetBuild,
        PresetBuildResult,
        PresetAnswers,
        SheetFormat,
        SavedFile,
        RegisterBolnaRequest,
        BolnaRegistration,
        BolnaKeyStatus,
        ImportSpecRequest,
        ImportedSpec,
        ConnectivityRequest,
        CertificateView,
        ConnectivityResult,
        ConnectivityEvent,
        ConnectivitySummary,
    );
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    let want = read_dir(fresh.path());
    assert!(
        want.len() >= 17,
        "every IPC type is exported: {:?}",
        want.keys()
    );
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for stale in read_dir(&committed)
            .keys()
            .filter(|k| !want.contains_key(*k))
        {
            std::fs::remove_file(committed.join(stale)).unwrap();
        }
        generate(&committed);
        return;
    }
    let have = read_dir(&committed);
    let stale: Vec<_> = want
        .iter()
        .filter(|(name, text)| have.get(*name) != Some(text))
        .map(|(n, _)| n.as_str())
        .chain(
            have.keys()
                .filter(|k| !want.contains_key(*k))
                .map(String::as_str),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is stale ({stale:?}); regenerate with `UPDATE_BINDINGS=1 cargo test -p switchboard-desktop --test bindings` and commit"
    );
}
