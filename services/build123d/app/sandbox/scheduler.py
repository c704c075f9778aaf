"""Who runs next: a fixed number of job slots shared fairly between callers.

At most `slots` jobs run at once and at most `per_caller` of them belong to one caller. The last `reserve` free
slots are kept for callers with nothing running: a caller that already has a job running may start another only
while more than `reserve` slots are free. So callers with long jobs fill at most `slots - reserve` slots between
them (more only by each one's first job), and a newcomer's render starts at once rather than waiting for them.
Waiting jobs are served callers with nothing running first, then round-robin over the callers that may run one
more, and in arrival order within a caller. So one caller's burst waits behind its own jobs, never in front of
everyone else's."""

import asyncio
import contextlib
from collections import Counter, OrderedDict, deque
from collections.abc import Callable


class QueueFull(Exception):
    """Every slot is taken and the shared waiting line is full."""


class CallerQueueFull(Exception):
    """This caller already has as many renders waiting as one caller may."""


class FairScheduler:
    def __init__(
        self,
        slots: int,
        per_caller: int,
        queue_size: int,
        caller_queue: int,
        on_change: Callable[[], None] = lambda: None,
        *,
        reserve: int = 0,
    ) -> None:
        self._on_change = on_change
        self.slots = slots
        self.reserve = reserve
        self.per_caller = per_caller
        self.queue_size = queue_size
        self.caller_queue = caller_queue
        self._running: Counter[str] = Counter()
        self._waiting: OrderedDict[str, deque[asyncio.Future[None]]] = OrderedDict()

    @property
    def running(self) -> int:
        return sum(self._running.values())

    @property
    def waiting(self) -> int:
        return sum(len(line) for line in self._waiting.values())

    def running_for(self, caller: str) -> int:
        return self._running[caller]

    async def acquire(self, caller: str, timeout: float) -> None:
        """Returns holding a slot; raises QueueFull, CallerQueueFull, or TimeoutError after `timeout` seconds."""
        if caller not in self._waiting and self._may_start(caller):
            self._running[caller] += 1
            self._on_change()
            return
        if self.waiting >= self.queue_size:
            raise QueueFull()
        line = self._waiting.setdefault(caller, deque())
        if len(line) >= self.caller_queue:
            if not line:
                del self._waiting[caller]
            raise CallerQueueFull()
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        line.append(granted)
        self._on_change()
        try:
            await asyncio.wait_for(asyncio.shield(granted), timeout)
        except BaseException:
            if granted.done() and not granted.cancelled():
                self.release(caller)  # granted just as the wait ended: hand the slot on
            else:
                granted.cancel()
                self._forget(caller, granted)
            raise

    def release(self, caller: str) -> None:
        self._running[caller] -= 1
        if self._running[caller] <= 0:
            del self._running[caller]
        self._dispatch()
        self._on_change()

    def _may_start(self, caller: str) -> bool:
        held = self._running[caller]
        if not held:
            return self.running < self.slots
        return held < self.per_caller and self.running < self.slots - self.reserve

    def _next_caller(self) -> str | None:
        """A waiting caller with nothing running first, else the first in turn that may run one more."""
        startable = [caller for caller in self._waiting if self._may_start(caller)]
        return next((caller for caller in startable if not self._running[caller]), next(iter(startable), None))

    def _dispatch(self) -> None:
        while (caller := self._next_caller()) is not None:
            line = self._waiting[caller]
            granted = line.popleft()
            if line:
                self._waiting.move_to_end(caller)  # served: the other callers come first next time
            else:
                del self._waiting[caller]
            self._running[caller] += 1
            granted.set_result(None)

    def _forget(self, caller: str, granted: asyncio.Future[None]) -> None:
        line = self._waiting.get(caller)
        if line is None:
            return
        with contextlib.suppress(ValueError):
            line.remove(granted)
        if not line:
            del self._waiting[caller]
        self._dispatch()
        self._on_change()
