"""Scenarios whose output differs from pytorch-ignite 0.5.5 on purpose: scenario id -> reason.

Every entry is explained in docs/differences-from-0.5.md (a test checks it).
"""

KNOWN_DIFFERENCES: dict[str, str] = {
    "sc_engine_run::scenario_rerun_after_exception": (
        "after an exception escaped run(), the next run() resumes; 0.5 returns at once without running"
    ),
    "sc_engine_state_dict::scenario_state_dict_mid_run": (
        "a state_dict taken during a run also holds epoch, epoch_completed and rng_states (exact resume)"
    ),
    "sc_engine_state_dict::scenario_lone_handler_adds_handler_to_its_event": (
        "a handler added by an event's only (unfiltered) handler runs from the next firing; 0.5 runs it at once"
    ),
    "sc_engine_stop::scenario_load_state_dict_while_interrupted": (
        "load_state_dict on an interrupted engine replaces the paused run; 0.5 mixes both"
    ),
    "sc_engine_stop::scenario_terminate_single_epoch_handler_without_iter_counter": (
        "TERMINATE_SINGLE_EPOCH handlers get iter_counter only if they take it; 0.5 raises TypeError"
    ),
    "sc_events::scenario_event_in_engine_state_event_to_attr": (
        "custom event counters belong to the engine that registered them; 0.5 shares them between engines"
    ),
    "sc_events::scenario_state_get_event_attrib_unknown": (
        "a custom event registered on another engine is unknown here (RuntimeError); 0.5 leaks it"
    ),
    "sc_events::scenario_same_name_different_events": (
        "two different events are never equal, even with the same name; 0.5 compares names only"
    ),
    "sc_deterministic::scenario_keep_random_state": (
        "keep_random_state returns the decorated function's result; 0.5 returns None"
    ),
    "sc_deterministic::scenario_iterable_dataset": (
        "a DeterministicEngine runs a DataLoader over an IterableDataset (drawn as it comes); 0.5 raises TypeError"
    ),
    "sc_deterministic::scenario_resume_mid_epoch": (
        "a DeterministicEngine resumed mid-epoch replays the uninterrupted run's batches; 0.5 does not"
    ),
    # Metric base (see "Metrics" in docs/differences-from-0.5.md)
    "sc_metric_lambda::scenario_reflected_operators_beyond_05": (
        "6 / m, 7 // m and 7 % m compute; 0.5 lacks or breaks them"
    ),
    "sc_metric_group_epoch::scenario_epoch_metric_in_engine_and_state_dict": (
        "EpochMetric reloads its own state dict; 0.5 raises ValueError"
    ),
    "sc_metric_group_epoch::scenario_group_constructor_errors": (
        "MetricGroup rejects non-metrics with TypeError, not an incidental AttributeError"
    ),
    "sc_metric_state_dict::scenario_lambda_manual_update_counts_each_metric_once": (
        "MetricsLambda.update by hand updates each metric once; 0.5 once per appearance"
    ),
    "sc_supervised::scenario_argument_checks_beyond_05": (
        "the supervised factories reject a bad amp_mode, scaler or gradient_accumulation_steps; 0.5 accepts them"
    ),
}
