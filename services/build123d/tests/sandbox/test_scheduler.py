import asyncio

import pytest

from app.sandbox.scheduler import CallerQueueFull, FairScheduler, QueueFull


def run(coroutine):
    return asyncio.run(coroutine)


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_when_one_caller_fills_its_share_then_another_caller_still_gets_a_slot():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=3, per_caller=2, queue_size=8, caller_queue=4)
        await scheduler.acquire("a", 1)
        await scheduler.acquire("a", 1)
        third = asyncio.ensure_future(scheduler.acquire("a", 1))
        await settle()
        assert not third.done() and scheduler.waiting == 1
        await asyncio.wait_for(scheduler.acquire("b", 1), 0.1)
        assert scheduler.running_for("a") == 2 and scheduler.running_for("b") == 1
        third.cancel()

    run(scenario())


def test_when_slots_free_up_then_waiting_callers_are_served_in_turn():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=1, per_caller=1, queue_size=8, caller_queue=4)
        await scheduler.acquire("hog", 1)
        order: list[str] = []

        async def wait(caller: str) -> None:
            await scheduler.acquire(caller, 5)
            order.append(caller)

        waiters = [asyncio.ensure_future(wait(c)) for c in ("hog", "hog", "hog", "x", "y")]
        await settle()
        for _ in range(5):
            scheduler.release(order[-1] if order else "hog")
            await settle()
        assert order == ["hog", "x", "y", "hog", "hog"]
        await asyncio.gather(*waiters)

    run(scenario())


def test_when_a_caller_has_too_many_waiting_then_caller_queue_full_and_others_still_queue():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=1, per_caller=1, queue_size=8, caller_queue=1)
        await scheduler.acquire("a", 1)
        first = asyncio.ensure_future(scheduler.acquire("a", 5))
        await settle()
        with pytest.raises(CallerQueueFull):
            await scheduler.acquire("a", 5)
        other = asyncio.ensure_future(scheduler.acquire("b", 5))
        await settle()
        assert scheduler.waiting == 2
        first.cancel()
        other.cancel()

    run(scenario())


def test_when_the_shared_line_is_full_then_queue_full_and_a_wait_that_ends_gives_its_turn_away():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=1, per_caller=1, queue_size=1, caller_queue=4)
        await scheduler.acquire("a", 1)
        with pytest.raises(TimeoutError):
            await scheduler.acquire("b", 0.01)
        assert scheduler.waiting == 0
        waiting = asyncio.ensure_future(scheduler.acquire("b", 5))
        await settle()
        with pytest.raises(QueueFull):
            await scheduler.acquire("c", 5)
        scheduler.release("a")
        await asyncio.wait_for(waiting, 1)
        assert scheduler.running_for("b") == 1 and scheduler.running == 1

    run(scenario())


def test_when_two_callers_hold_long_jobs_then_a_caller_with_nothing_running_still_starts():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=4, per_caller=2, queue_size=8, caller_queue=4, reserve=1)
        for caller in ("a", "b", "a"):
            await scheduler.acquire(caller, 1)
        # b's second job would take the last free slot, which is kept for a caller with nothing running.
        held_back = asyncio.ensure_future(scheduler.acquire("b", 5))
        newcomer = asyncio.ensure_future(scheduler.acquire("c", 5))
        await settle()
        assert newcomer.done() and not held_back.done()
        assert scheduler.running == 4 and scheduler.waiting == 1
        held_back.cancel()

    run(scenario())


def test_when_a_slot_frees_then_a_waiting_caller_with_nothing_running_goes_before_another_callers_next_job():
    async def scenario() -> None:
        scheduler = FairScheduler(slots=3, per_caller=2, queue_size=8, caller_queue=4)
        order: list[str] = []

        async def wait(caller: str) -> None:
            await scheduler.acquire(caller, 5)
            order.append(caller)

        for caller in ("a", "b", "c"):
            await scheduler.acquire(caller, 1)
        waiters = [asyncio.ensure_future(wait(c)) for c in ("a", "d")]
        await settle()
        assert order == [] and scheduler.waiting == 2
        scheduler.release("c")
        await settle()
        # Both may start; d came later than a's second job, but has nothing running, so it goes first.
        assert order == ["d"]
        scheduler.release("b")
        await settle()
        assert order == ["d", "a"]
        await asyncio.gather(*waiters)

    run(scenario())
