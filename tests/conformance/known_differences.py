"""Scenarios whose output differs from pytorch-ignite 0.5.5 on purpose: scenario id -> reason.

Every entry is explained in docs/differences-from-0.5.md (a test checks it).
"""

KNOWN_DIFFERENCES: dict[str, str] = {
    # Metric base (see "Metrics" in docs/differences-from-0.5.md)
    "sc_metric_lambda::scenario_reflected_operators_beyond_05": "7 // m, 7 % m and 6 / m compute; 0.5 lacks or breaks them",
    "sc_metric_group_epoch::scenario_epoch_metric_in_engine_and_state_dict": "EpochMetric reloads its state; 0.5 raises",
    "sc_metric_group_epoch::scenario_group_constructor_errors": "MetricGroup rejects non-metrics with TypeError, not AttributeError",
    "sc_metric_state_dict::scenario_lambda_manual_update_counts_each_metric_once": "MetricsLambda.update updates each metric once",
    "sc_supervised::scenario_argument_checks_beyond_05": "supervised factories reject bad amp_mode/scaler/accumulation",
}
