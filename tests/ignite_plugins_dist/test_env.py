"""Topology from the environment: SLURM host lists, SLURM and torchrun variables, collective settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ignite_plugins_dist._env import (
    Topology,
    expand_hostlist,
    from_environment,
    from_slurm,
    from_torchrun,
    master_port_for_job,
)
from ignite_plugins_dist._guard import checks_from_env, timeout_from_env


@pytest.mark.parametrize(
    ("hostlist", "hosts"),
    [
        ("node01", ["node01"]),
        ("node[01-04,07]", ["node01", "node02", "node03", "node04", "node07"]),
        ("a,b[1-2],c", ["a", "b1", "b2", "c"]),
        ("gpu-[8-10]", ["gpu-8", "gpu-9", "gpu-10"]),
        ("n[009-011]x", ["n009x", "n010x", "n011x"]),
        ("r[1-2]n[1-2]", ["r1n1", "r1n2", "r2n1", "r2n2"]),
        ("node[01-02],login[3]", ["node01", "node02", "login3"]),
    ],
)
def test_expand_hostlist(hostlist: str, hosts: list[str]) -> None:
    assert expand_hostlist(hostlist) == hosts


@pytest.mark.parametrize("bad", ["node[01-", "node]", "node[a-b]", "node[3-1]"])
def test_expand_hostlist_rejects_malformed_lists(bad: str) -> None:
    with pytest.raises(ValueError, match="SLURM host list"):
        expand_hostlist(bad)


SLURM = {
    "SLURM_JOB_ID": "123456",
    "SLURM_PROCID": "5",
    "SLURM_LOCALID": "1",
    "SLURM_NTASKS": "8",
    "SLURM_JOB_NUM_NODES": "4",
    "SLURM_NODEID": "2",
    "SLURM_JOB_NODELIST": "node[01-03,07]",
}


def test_slurm_topology() -> None:
    topo = from_slurm(SLURM)
    assert topo == Topology(
        rank=5,
        world_size=8,
        local_rank=1,
        nproc_per_node=2,
        nnodes=4,
        node_rank=2,
        master_addr="node01",
        master_port=master_port_for_job("123456"),
    )
    assert 15000 <= master_port_for_job("123456") < 20000
    assert master_port_for_job("123456") == master_port_for_job("123456")


def test_slurm_master_variables_win_and_missing_variables_are_named() -> None:
    topo = from_slurm({**SLURM, "MASTER_ADDR": "head", "MASTER_PORT": "2345"})
    assert topo is not None and (topo.master_addr, topo.master_port) == ("head", 2345)
    assert from_slurm({"SLURM_JOB_ID": "1"}) is None  # an allocation without srun
    with pytest.raises(RuntimeError, match="SLURM_NTASKS, SLURM_JOB_NODELIST are not set"):
        from_slurm({"SLURM_JOB_ID": "1", "SLURM_PROCID": "0", "SLURM_LOCALID": "0"})
    with pytest.raises(ValueError, match="SLURM_NTASKS='x' should be an integer"):
        from_slurm({**SLURM, "SLURM_NTASKS": "x"})


def test_torchrun_topology_and_precedence() -> None:
    env = {"RANK": "3", "WORLD_SIZE": "4", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2", "GROUP_RANK": "1"}
    env |= {"MASTER_ADDR": "10.0.0.1", "MASTER_PORT": "29500"}
    assert from_torchrun(env) == Topology(3, 4, 1, 2, 2, 1, "10.0.0.1", 29500)
    assert from_torchrun({"RANK": "0"}) is None
    assert from_environment({}) is None
    assert from_environment(SLURM) == from_slurm(SLURM)
    with pytest.warns(UserWarning, match="using the latter"):
        assert from_environment({**SLURM, **env}) == from_torchrun(env)


def test_collective_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IGNITE_DIST_TIMEOUT", raising=False)
    monkeypatch.delenv("IGNITE_DIST_CHECKS", raising=False)
    assert timeout_from_env(None) == 600.0
    assert timeout_from_env(timedelta(seconds=5)) == 5.0
    assert timeout_from_env(2) == 2.0
    monkeypatch.setenv("IGNITE_DIST_TIMEOUT", "30")
    assert timeout_from_env(None) == 30.0
    with pytest.raises(ValueError, match="should be positive"):
        timeout_from_env(0)
    assert checks_from_env(None) is True
    monkeypatch.setenv("IGNITE_DIST_CHECKS", "0")
    assert checks_from_env(None) is False
    assert checks_from_env(True) is True
