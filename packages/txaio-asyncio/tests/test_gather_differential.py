"""gather against asyncio.gather: the same scenarios through both, the same story told.

txaio's gather of asyncio futures does not go through ``asyncio.gather``
(see ``txaio.aio._gathering``), so each scenario here runs twice on fresh
loops, once through ``txaio.gather`` and once through ``asyncio.gather``,
and every observation must match: what the outer future holds and when (loop
turn by loop turn), what ``cancel()`` returns, what code awaiting the outer
gets and in which turn, the order of done-callbacks, the results, which
exception objects appear where (by identity), each input's final state and
whether its exception counts as retrieved.  Scenarios are drawn from seeds,
so a failure names the seed that shows it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import txaio

try:
    import uvloop
except ImportError:  # pragma: no cover - uvloop is a test tool everywhere it installs
    uvloop = None

LOOPS: dict[str, Callable[[], asyncio.AbstractEventLoop]] = {"asyncio": asyncio.new_event_loop}
if uvloop is not None:
    LOOPS["uvloop"] = uvloop.new_event_loop

TURNS = 9
GATHER_TURN = 2
STATES = ("pending", "result", "error", "cancelled", "cancelled-message")
KINDS = ("future", "cancellable", "cancellable-resolving", "task", "task-swallowing")
ACTIONS = ("resolve", "fail", "cancel", "cancel-message", "cancel-outer", "cancel-outer-message", "set-outer")


@dataclass
class Child:
    """One input as the scenario makes it: its kind, its state before gather, and its label."""

    kind: str
    state: str


@dataclass
class Scenario:
    """Inputs (by index into ``children``, repeats allowed), the mode, and what happens at each turn."""

    children: list[Child]
    order: list[int]
    return_exceptions: bool
    in_task: bool
    actions: list[tuple[int, str, int]] = field(default_factory=list)
    #: A second gather over the same inputs in reverse order, in the other mode.
    second: bool = False


def draw(seed: int) -> Scenario:
    """A scenario from ``seed``: up to 4 distinct inputs, up to 6 places, up to 4 actions."""
    rng = random.Random(seed)
    children = [Child(rng.choice(KINDS), rng.choice(STATES)) for _ in range(rng.randint(1, 4))]
    order = list(range(len(children)))
    order += [rng.randrange(len(children)) for _ in range(rng.randint(0, 2))]
    rng.shuffle(order)
    actions = [
        (rng.randint(GATHER_TURN, TURNS - 3), rng.choice(ACTIONS), rng.randrange(len(children)))
        for _ in range(rng.randint(0, 4))
    ]
    return Scenario(children, order, rng.random() < 0.5, rng.random() < 0.7, sorted(actions), rng.random() < 0.4)


class Labels:
    """Names objects by identity, in order of first sight, so two runs can be compared."""

    def __init__(self) -> None:
        self._names: dict[int, str] = {}
        self._keep: list[object] = []

    def name(self, known: str, thing: object) -> None:
        self._names[id(thing)] = known
        self._keep.append(thing)

    def __call__(self, thing: object) -> str:
        if isinstance(thing, list):
            return "[" + ", ".join(self(item) for item in thing) + "]"
        if not isinstance(thing, BaseException):
            return repr(thing)
        if id(thing) not in self._names:
            self.name(f"new#{len(self._names)}", thing)
        return f"{type(thing).__name__}{thing.args!r}={self._names[id(thing)]}"


def outcome(future: asyncio.Future[Any], label: Labels) -> str:
    """What a future holds, read without retrieving it (so retrieval stays observable)."""
    state = future._state  # type: ignore[attr-defined]
    if state != "FINISHED":
        return state.lower()
    error = future._exception  # type: ignore[attr-defined]
    return f"error {label(error)}" if error is not None else f"result {label(future._result)}"  # type: ignore[attr-defined]


def run(scenario: Scenario, loop: asyncio.AbstractEventLoop, ours: bool) -> list[str]:
    """Play ``scenario`` on ``loop`` through txaio.gather (``ours``) or asyncio.gather; the story."""
    story: list[str] = []
    label = Labels()
    turn = 0
    futures: list[asyncio.Future[Any]] = []
    controls: list[asyncio.Future[Any]] = []
    outer_box: list[asyncio.Future[Any]] = []
    awaiters: list[asyncio.Task[None]] = []

    def make(index: int, child: Child) -> None:
        control = loop.create_future()
        controls.append(control)
        if child.kind.startswith("task"):
            swallowing = child.kind.endswith("swallowing")

            async def body(control: asyncio.Future[Any] = control, swallow: bool = swallowing) -> Any:
                try:
                    return await control
                except asyncio.CancelledError:
                    if swallow:
                        return f"swallowed {index}"
                    raise

            futures.append(loop.create_task(body()))
            return
        if child.kind.startswith("cancellable"):
            resolving = child.kind.endswith("resolving")

            def canceller(future: asyncio.Future[Any]) -> None:
                story.append(f"turn {turn}: canceller of {index}")
                if resolving:
                    future.set_result(f"by canceller {index}")

            futures.append(txaio.create_future(canceller=canceller))
        else:
            futures.append(loop.create_future())

    def settle(index: int, action: str) -> None:
        """Resolve, fail or cancel input ``index`` (through its control future for a task)."""
        target = controls[index] if scenario.children[index].kind.startswith("task") else futures[index]
        if target.done():
            return
        if action == "resolve":
            target.set_result(f"value {index}")
        elif action == "fail":
            error = RuntimeError(f"error {index}")
            label.name(f"error {index}", error)
            target.set_exception(error)
        elif action == "cancel":
            story.append(f"turn {turn}: cancel {index} -> {target.cancel()}")
        else:
            story.append(f"turn {turn}: cancel {index} -> {target.cancel(f'why {index}')}")

    async def awaiter(name: str, outer: asyncio.Future[Any]) -> None:
        try:
            got = await outer
        except BaseException as error:
            story.append(f"turn {turn}: awaiter of {name} raised {label(error)}")
        else:
            story.append(f"turn {turn}: awaiter of {name} got {label(got)}")

    def note(what: str) -> Callable[..., None]:
        return lambda *_: story.append(f"turn {turn}: {what}")

    def gather_one(name: str, inputs: list[asyncio.Future[Any]], returned: bool) -> None:
        if ours:
            outer = txaio.gather(inputs, consume_exceptions=returned)
        else:
            outer = asyncio.gather(*inputs, return_exceptions=returned)
        outer_box.append(outer)
        story.append(f"turn {turn}: gathered {name} {type(outer).__name__} {outcome(outer, label)}")
        outer.add_done_callback(lambda future: story.append(f"turn {turn}: {name} callback {outcome(future, label)}"))
        awaiters.append(loop.create_task(awaiter(name, outer)))
        outer.add_done_callback(note(f"{name} second callback"))

    def start_gather() -> None:
        inputs = [futures[i] for i in scenario.order]
        inputs[0].add_done_callback(note("callback on the first input, added before"))
        gather_one("outer", inputs, scenario.return_exceptions)
        loop.call_soon(note("call_soon after gather"))
        inputs[0].add_done_callback(note("callback on the first input, added after"))
        if scenario.second:
            gather_one("other outer", inputs[::-1], not scenario.return_exceptions)

    async def driver() -> None:
        nonlocal turn
        for turn in range(TURNS):
            if turn == 0:
                for index, child in enumerate(scenario.children):
                    make(index, child)
            if turn == 1:
                for index, child in enumerate(scenario.children):
                    if child.state == "result":
                        settle(index, "resolve")
                    elif child.state == "error":
                        settle(index, "fail")
                    elif child.state.startswith("cancelled"):
                        settle(index, "cancel-message" if child.state.endswith("message") else "cancel")
            if turn == GATHER_TURN:
                if scenario.in_task:
                    start_gather()
                else:
                    loop.call_soon(start_gather)
            for when, action, index in scenario.actions:
                if when != turn or not outer_box:
                    continue
                if action == "set-outer":  # by hand, as a program may: later inputs still count as retrieved
                    if not outer_box[0].done():
                        outer_box[0].set_result("by hand")
                elif action.startswith("cancel-outer"):
                    message = f"outer why {index}" if action.endswith("message") else None
                    story.append(f"turn {turn}: cancel outer -> {outer_box[0].cancel(message)}")
                else:
                    settle(index, action)
            for index, future in enumerate(futures):
                story.append(f"turn {turn}: input {index} {outcome(future, label)}")
            for outer in outer_box:
                story.append(f"turn {turn}: outer {outcome(outer, label)}")
            await asyncio.sleep(0)

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        story.append(f"turn {turn}: loop error {context['message']} {label(context.get('exception'))}")

    loop.set_exception_handler(handler)
    txaio.config.loop = loop
    try:
        loop.run_until_complete(driver())
        for index, future in enumerate(futures):
            retrieved = not getattr(future, "_log_traceback", False)
            story.append(f"end: input {index} {outcome(future, label)} retrieved={retrieved}")
        for outer in outer_box:
            retrieved = not getattr(outer, "_log_traceback", False)
            story.append(f"end: outer {outcome(outer, label)} retrieved={retrieved}")
        told = len(story)
        for pending in (*controls, *awaiters, *futures):  # leave nothing unresolved behind
            pending.cancel()
        for _ in range(TURNS):  # a bounded number of turns: a gather that never settles fails, not hangs
            loop.run_until_complete(asyncio.sleep(0))
        del story[told:]
    finally:
        txaio.config.loop = None
        loop.close()
    return story


def compare(scenario: Scenario, loop_name: str) -> None:
    theirs = run(scenario, LOOPS[loop_name](), ours=False)
    mine = run(scenario, LOOPS[loop_name](), ours=True)
    assert mine == theirs, scenario


@pytest.mark.parametrize("loop_name", sorted(LOOPS))
@pytest.mark.parametrize("block", range(8))
def test_drawn_scenarios_tell_the_same_story(loop_name: str, block: int) -> None:
    for seed in range(block * 60, (block + 1) * 60):
        compare(draw(seed), loop_name)


def cases() -> Iterator[tuple[str, Scenario]]:
    """The cases the issue names, spelled out (the drawn ones cover their mixtures)."""
    done = [Child("future", "result"), Child("future", "error"), Child("task", "result")]
    pending = [Child("future", "pending"), Child("task", "pending"), Child("cancellable", "pending")]
    swallowing = [Child("task-swallowing", "pending"), Child("cancellable-resolving", "pending"), done[0]]
    failing = [Child("future", "pending"), Child("future", "pending"), Child("future", "cancelled-message")]
    resolve_later = [(3, "resolve", 0), (3, "resolve", 1), (4, "resolve", 2)]
    for returned in (True, False):
        mode = "returned" if returned else "raised"
        yield f"all-done-{mode}", Scenario(done, [0, 1, 2], returned, True)
        yield f"all-done-in-a-callback-{mode}", Scenario(done, [2, 1, 0], returned, False)
        yield f"repeated-{mode}", Scenario(pending, [0, 1, 0, 2, 1], returned, True, resolve_later)
        yield f"cancel-outer-{mode}", Scenario(pending, [0, 1, 2], returned, True, [(3, "cancel-outer-message", 0)])
        yield f"cancel-swallowed-{mode}", Scenario(swallowing, [0, 1, 2], returned, True, [(3, "cancel-outer", 0)])
        yield f"failures-{mode}", Scenario(failing, [0, 1, 2], returned, True, [(3, "fail", 1), (3, "fail", 0)])
        cancel_then_resolve = [(3, "cancel-message", 1), (4, "resolve", 0)]
        yield f"cancelled-input-{mode}", Scenario(failing, [0, 1], returned, True, cancel_then_resolve)
        yield f"two-outers-all-done-{mode}", Scenario(done, [0, 1, 2], returned, True, [], second=True)
        yield f"two-outers-pending-{mode}", Scenario(pending, [0, 1, 2], returned, False, resolve_later, second=True)


@pytest.mark.parametrize("loop_name", sorted(LOOPS))
@pytest.mark.parametrize(("name", "scenario"), list(cases()), ids=[name for name, _ in cases()])
def test_named_scenarios_tell_the_same_story(loop_name: str, name: str, scenario: Scenario) -> None:
    compare(scenario, loop_name)


def test_the_story_sees_a_difference() -> None:
    """The comparison can fail: a gather that resolves at once is told apart from asyncio's."""
    scenario = Scenario([Child("future", "pending")], [0], True, True, [(3, "resolve", 0)])
    theirs = run(scenario, asyncio.new_event_loop(), ours=False)
    changed = Scenario([Child("future", "pending")], [0], True, True, [(4, "resolve", 0)])
    assert run(changed, asyncio.new_event_loop(), ours=True) != theirs


def test_inputs_on_two_loops_are_refused_as_asyncio_refuses_them() -> None:
    first, second = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        txaio.config.loop = first
        futures = [first.create_future(), second.create_future()]
        with pytest.raises(ValueError) as ours:
            txaio.gather(futures)
        with pytest.raises(ValueError) as theirs:
            asyncio.gather(*futures)
        assert str(ours.value) == str(theirs.value)
    finally:
        txaio.config.loop = None
        first.close()
        second.close()


def test_inputs_on_another_loop_are_gathered_there() -> None:
    configured, other = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        txaio.config.loop = configured
        future = other.create_future()
        future.set_result(1)
        gathered = txaio.gather([future])
        assert gathered.get_loop() is other
        assert other.run_until_complete(gathered) == [1]
    finally:
        txaio.config.loop = None
        configured.close()
        other.close()
