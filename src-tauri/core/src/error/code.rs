//! Every error code the core, the shell and the command line answer with, declared once. The
//! text of each is what crosses to the window and to the CLI's JSON (`{code, message}`);
//! `ui/js/error_codes.js` is generated from this list (a test fails when it is stale), and the
//! window branches only on codes it reads from there.

/// Declares the codes with their text, and the list of all of them.
macro_rules! codes {
    ($($variant:ident = $text:literal,)*) => {
        /// An error's stable machine code (its text never changes once shipped).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in the order of their text.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as the window and the CLI see it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    AbcDays = "abc_days",
    AbcThresholds = "abc_thresholds",
    ActionMissing = "action_missing",
    ActionParentCycle = "action_parent_cycle",
    ActualBadDate = "actual_bad_date",
    AlreadyApproved = "already_approved",
    AlreadyDimension = "already_dimension",
    ApproverRequired = "approver_required",
    BackupDamaged = "backup_damaged",
    BackupNotFound = "backup_not_found",
    BadAction = "bad_action",
    BadActionDate = "bad_action_date",
    BadAllocationBand = "bad_allocation_band",
    BadAmount = "bad_amount",
    BadAsOf = "bad_as_of",
    BadCell = "bad_cell",
    BadChartFile = "bad_chart_file",
    BadChartFormat = "bad_chart_format",
    BadChartKind = "bad_chart_kind",
    BadChildPeriod = "bad_child_period",
    BadCommissionInput = "bad_commission_input",
    BadDeckFile = "bad_deck_file",
    BadDimension = "bad_dimension",
    BadDuration = "bad_duration",
    BadExportFile = "bad_export_file",
    BadFiscalStart = "bad_fiscal_start",
    BadFishboneCategory = "bad_fishbone_category",
    BadLag = "bad_lag",
    BadLang = "bad_lang",
    BadLink = "bad_link",
    BadLinkKind = "bad_link_kind",
    BadPercent = "bad_percent",
    BadPeriod = "bad_period",
    BadPeriodKind = "bad_period_kind",
    BadPlanJson = "bad_plan_json",
    BadRoundingUnit = "bad_rounding_unit",
    BadSpec = "bad_spec",
    BadTable = "bad_table",
    BadTableFormat = "bad_table_format",
    BadWeight = "bad_weight",
    BaselineExists = "baseline_exists",
    BaselineMissing = "baseline_missing",
    BaselineName = "baseline_name",
    Bench = "bench",
    BenchMismatch = "bench_mismatch",
    BlendBadWeight = "blend_bad_weight",
    BlendLengthMismatch = "blend_length_mismatch",
    BlendNested = "blend_nested",
    BlendNoDriver = "blend_no_driver",
    BlendNot100 = "blend_not_100",
    BlendPotentialMissing = "blend_potential_missing",
    BudgetSharesExceed = "budget_shares_exceed",
    Busy = "busy",
    CalendarBadDate = "calendar_bad_date",
    CalendarBadYear = "calendar_bad_year",
    CalendarImportNoHeader = "calendar_import_no_header",
    CalendarNoOfficialYear = "calendar_no_official_year",
    CalendarNoWorkingDay = "calendar_no_working_day",
    Cancelled = "cancelled",
    CapacityMissing = "capacity_missing",
    CellLocked = "cell_locked",
    ChartDraw = "chart_draw",
    CommitmentsBatchApprovedSince = "commitments_batch_approved_since",
    CommitmentsBatchChanged = "commitments_batch_changed",
    CommitmentsBatchDamaged = "commitments_batch_damaged",
    CommitmentsBatchNotFound = "commitments_batch_not_found",
    CommitmentsBatchNotUndone = "commitments_batch_not_undone",
    CommitmentsBatchOtherPlan = "commitments_batch_other_plan",
    CommitmentsBatchRevisedSince = "commitments_batch_revised_since",
    CommitmentsBatchUndone = "commitments_batch_undone",
    CommitmentsBatchWrite = "commitments_batch_write",
    CommitmentsNotASheet = "commitments_not_a_sheet",
    CommitmentsOrgChanged = "commitments_org_changed",
    CommitmentsOtherMetric = "commitments_other_metric",
    CommitmentsOtherPlan = "commitments_other_plan",
    CommitmentsOtherUnit = "commitments_other_unit",
    CommitmentsOtherWorkspace = "commitments_other_workspace",
    CommitmentsTargetChanged = "commitments_target_changed",
    CompanyMissing = "company_missing",
    CompanyNameEmpty = "company_name_empty",
    CompanyNameInvalid = "company_name_invalid",
    CopyOntoItself = "copy_onto_itself",
    CustomerNotFound = "customer_not_found",
    Database = "database",
    DeckPdf = "deck_pdf",
    DeckStopped = "deck_stopped",
    DimensionEmpty = "dimension_empty",
    DimensionMemberNotFound = "dimension_member_not_found",
    DimensionNameEmpty = "dimension_name_empty",
    DimensionNameTaken = "dimension_name_taken",
    DimensionNameTooLong = "dimension_name_too_long",
    DimensionSplitNotAdditive = "dimension_split_not_additive",
    DimensionUnknown = "dimension_unknown",
    EvaluationSetting = "evaluation_setting",
    Exists = "exists",
    ExportWrite = "export_write",
    ExportXlsx = "export_xlsx",
    FileExists = "file_exists",
    FinishBeforeStart = "finish_before_start",
    FormulaBadDriver = "formula_bad_driver",
    FormulaOverflow = "formula_overflow",
    GrowthRange = "growth_range",
    History = "history",
    HistoryStale = "history_stale",
    ImportAmbiguousNumberFormat = "import_ambiguous_number_format",
    ImportBadMapping = "import_bad_mapping",
    ImportBadPeriod = "import_bad_period",
    ImportBadResolution = "import_bad_resolution",
    ImportBadTeam = "import_bad_team",
    ImportBadTemplate = "import_bad_template",
    ImportBadText = "import_bad_text",
    ImportBatchInUse = "import_batch_in_use",
    ImportBatchNotUndone = "import_batch_not_undone",
    ImportBatchTargetsApproved = "import_batch_targets_approved",
    ImportBatchUndone = "import_batch_undone",
    ImportCancelled = "import_cancelled",
    ImportCellTooLong = "import_cell_too_long",
    ImportDamagedWorkbook = "import_damaged_workbook",
    ImportEmptyFile = "import_empty_file",
    ImportFileTooLarge = "import_file_too_large",
    ImportHeaderRowEmpty = "import_header_row_empty",
    ImportHeaderRowInvalid = "import_header_row_invalid",
    ImportHeaderRowOutOfRange = "import_header_row_out_of_range",
    ImportInternal = "import_internal",
    ImportIo = "import_io",
    ImportLineTooLong = "import_line_too_long",
    ImportMissingColumn = "import_missing_column",
    ImportNoBatch = "import_no_batch",
    ImportNoHeader = "import_no_header",
    ImportNoMetric = "import_no_metric",
    ImportNoSheet = "import_no_sheet",
    ImportNoSuchSheet = "import_no_such_sheet",
    ImportNoTargetSet = "import_no_target_set",
    ImportNoTemplate = "import_no_template",
    ImportNotAFile = "import_not_a_file",
    ImportRedoConflict = "import_redo_conflict",
    ImportRelayStopped = "import_relay_stopped",
    ImportSumOverflow = "import_sum_overflow",
    ImportTooManyCells = "import_too_many_cells",
    ImportTooManyColumns = "import_too_many_columns",
    ImportTooManyRows = "import_too_many_rows",
    ImportUnknownColumn = "import_unknown_column",
    ImportUnsupportedFormat = "import_unsupported_format",
    ImportZipBomb = "import_zip_bomb",
    Internal = "internal",
    InternalPanic = "internal_panic",
    InvalidCommissionPlan = "invalid_commission_plan",
    InvalidScorecard = "invalid_scorecard",
    Io = "io",
    LinkExists = "link_exists",
    LinkMissing = "link_missing",
    LockSign = "lock_sign",
    LocksExceedTotal = "locks_exceed_total",
    LogFolder = "log_folder",
    ManualSumMismatch = "manual_sum_mismatch",
    Menu = "menu",
    MetricBadField = "metric_bad_field",
    MetricBadThreshold = "metric_bad_threshold",
    MetricInUse = "metric_in_use",
    MetricMain = "metric_main",
    MetricMissing = "metric_missing",
    MetricNameInvalid = "metric_name_invalid",
    MetricNameTaken = "metric_name_taken",
    MetricNotAdditive = "metric_not_additive",
    MetricNotFound = "metric_not_found",
    MetricRatioComponent = "metric_ratio_component",
    MetricRatioIncomplete = "metric_ratio_incomplete",
    MetricRatioRetired = "metric_ratio_retired",
    MetricRatioSame = "metric_ratio_same",
    MetricRatioSelf = "metric_ratio_self",
    MetricRetired = "metric_retired",
    MetricUnitInUse = "metric_unit_in_use",
    MetricUnknown = "metric_unknown",
    MonthWithoutWorkingDays = "month_without_working_days",
    NegativeCommitment = "negative_commitment",
    NegativeMonth = "negative_month",
    NoAction = "no_action",
    NoBackupsFolder = "no_backups_folder",
    NoChildPeriods = "no_child_periods",
    NoChildren = "no_children",
    NoCjkFont = "no_cjk_font",
    NoCommitments = "no_commitments",
    NoDimensionMembers = "no_dimension_members",
    NoHistory = "no_history",
    NoImportFile = "no_import_file",
    NoMonthTargets = "no_month_targets",
    NoMonths = "no_months",
    NoSiblings = "no_siblings",
    NoTargetSet = "no_target_set",
    NoWorkspace = "no_workspace",
    NodeNotFound = "node_not_found",
    NotAMonth = "not_a_month",
    NotAQuarter = "not_a_quarter",
    NotAWorkspace = "not_a_workspace",
    OrgBadCapacity = "org_bad_capacity",
    OrgBadDate = "org_bad_date",
    OrgBadPlace = "org_bad_place",
    OrgMoveCycle = "org_move_cycle",
    OrgNameInvalid = "org_name_invalid",
    OrgNameTaken = "org_name_taken",
    OrgNameTakenRetired = "org_name_taken_retired",
    OrgParentRetired = "org_parent_retired",
    OrgRetireCompany = "org_retire_company",
    OrgRetireHasMembers = "org_retire_has_members",
    OrgUnitMissing = "org_unit_missing",
    OrgUnitNotFound = "org_unit_not_found",
    PercentNot100 = "percent_not_100",
    PeriodClipped = "period_clipped",
    PlanCycle = "plan_cycle",
    PlanGrowthInvalid = "plan_growth_invalid",
    PlanImportNoHeader = "plan_import_no_header",
    PlanOutlineMove = "plan_outline_move",
    PlanRestoreInvalid = "plan_restore_invalid",
    PlanTargetNegative = "plan_target_negative",
    PlanTooLong = "plan_too_long",
    PlanYearExists = "plan_year_exists",
    PlanYearInvalid = "plan_year_invalid",
    PlanYearMissing = "plan_year_missing",
    PotentialLengthMismatch = "potential_length_mismatch",
    QuarterMonthsMissing = "quarter_months_missing",
    QuarterNeedsThreeMonths = "quarter_needs_three_months",
    QuarterTotalChanged = "quarter_total_changed",
    RebalanceTooLarge = "rebalance_too_large",
    ReviewBlank = "review_blank",
    ReviewCategory = "review_category",
    ReviewEntryNotFound = "review_entry_not_found",
    ReviewExists = "review_exists",
    ReviewInPlan = "review_in_plan",
    ReviewNotFound = "review_not_found",
    ReviewTextLong = "review_text_long",
    ReviewThreshold = "review_threshold",
    ReviewWindow = "review_window",
    RevisionReasonRequired = "revision_reason_required",
    RollbackFailed = "rollback_failed",
    ScorecardUndoUnavailable = "scorecard_undo_unavailable",
    Settings = "settings",
    SettingsNotSaved = "settings_not_saved",
    SplitAllLocked = "split_all_locked",
    SplitLengthMismatch = "split_length_mismatch",
    SplitNegativeWeight = "split_negative_weight",
    SplitNoParts = "split_no_parts",
    SplitNoWeight = "split_no_weight",
    SplitWeightTooLarge = "split_weight_too_large",
    SprintTierOff = "sprint_tier_off",
    StageInvalid = "stage_invalid",
    StageUnknown = "stage_unknown",
    Stop = "stop",
    SummaryLink = "summary_link",
    SummaryTask = "summary_task",
    TargetNotFound = "target_not_found",
    TargetsInconsistent = "targets_inconsistent",
    TierChallengeBelowBase = "tier_challenge_below_base",
    TierCycle = "tier_cycle",
    TierFloorOutOfRange = "tier_floor_out_of_range",
    TierSprintBelowChallenge = "tier_sprint_below_challenge",
    TierTableUnbalanced = "tier_table_unbalanced",
    TransactionRolledBack = "transaction_rolled_back",
    TransferBadUnit = "transfer_bad_unit",
    TransferBeforeJoining = "transfer_before_joining",
    TransferNoOneToResplit = "transfer_no_one_to_resplit",
    TransferNotAMember = "transfer_not_a_member",
    TransferSameUnit = "transfer_same_unit",
    TransferUndoTargetsChanged = "transfer_undo_targets_changed",
    TransferUndoUnavailable = "transfer_undo_unavailable",
    UnknownLockKey = "unknown_lock_key",
    UnknownMethod = "unknown_method",
    UnknownMetric = "unknown_metric",
    Usage = "usage",
    WalUnavailable = "wal_unavailable",
    WeekLocked = "week_locked",
    WeeklyBadWeek = "weekly_bad_week",
    WeeklyBlank = "weekly_blank",
    WeeklyDamaged = "weekly_damaged",
    WeeklyLong = "weekly_long",
    WeeklyNotPerson = "weekly_not_person",
    WeeksFollowMonths = "weeks_follow_months",
    WeeksNeedMonth = "weeks_need_month",
    WorkspaceInUse = "workspace_in_use",
    WorkspaceMissing = "workspace_missing",
    WorkspaceNotEmpty = "workspace_not_empty",
    WorkspaceTooNew = "workspace_too_new",
    WriteFailed = "write_failed",
    YtdNotStarted = "ytd_not_started",
}

impl Code {
    /// The code of this text, if there is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// The ES module the window reads its codes from (`ui/js/error_codes.js`).
pub fn js_module() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/error/code.rs by the core's test\n\
         // `error_codes_js_is_current` (TARGETLINE_WRITE_CODES=1 rewrites it); do not edit.\n\
         // The window branches on an error's code only through these names.\n\
         export const CODES = Object.freeze({\n",
    );
    for c in Code::ALL {
        out.push_str(&format!("  {}: \"{}\",\n", c.as_str(), c.as_str()));
    }
    out.push_str("});\n");
    out
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn every_code_is_snake_case_unique_and_reads_back() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            let t = c.as_str();
            assert!(seen.insert(t), "{t} twice");
            assert!(
                t.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
                "{t}"
            );
            assert_eq!(Code::parse(t), Some(*c));
        }
        assert_eq!(
            serde_json::to_value(Code::ImportCancelled).unwrap(),
            "import_cancelled"
        );
        assert!(Code::Busy == "busy" && Code::Busy != "database");
    }

    #[test]
    fn error_codes_js_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/js/error_codes.js");
        let want = super::js_module();
        if std::env::var_os("TARGETLINE_WRITE_CODES").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/js/error_codes.js is stale: run `TARGETLINE_WRITE_CODES=1 cargo test -p targetline-core error_codes_js` and commit it"
        );
    }
}
