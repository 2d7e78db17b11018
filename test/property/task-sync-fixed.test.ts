// Engine bugs the convergence property (sync-convergence.test.ts) found once its world held To Do tasks and C4C
// Tasks too, replayed as fixed examples.
import { replay } from './support/replay.js';

const NONE = '{"failBefore":0,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}';

describe('task sync, fixed counterexamples', () => {
  // fast-check seed 2027652721: the C4C link written back to a new To Do task after the C4C create failed (best
  // effort); nothing else changed, so no later merge wrote it. The pair is now recorded unconfirmed and unmerged
  // (sync/run/session.ts), and the next session's merge writes the link.
  it('writes the C4C link to a To Do task again when the write-back after the create failed', async () => {
    expect(await replay(`[{"op":"tCreate","tagged":true,"inServiceList":false,"seed":0},{"op":"oAttendee","target":0,"value":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"session","faults":{"failBefore":0.3,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0.3,"concurrentPoll":0}},{"op":"tCreate","tagged":false,"inServiceList":false,"seed":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"oEdit","target":0,"unit":"subject","value":0},{"op":"tCreate","tagged":false,"inServiceList":false,"seed":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"oUntag","target":0},{"op":"cEdit","target":0,"unit":"subject","value":0}]`, 695346004)).toEqual([]);
  });

  // fast-check seed -1347330682: a To Do task untagged, its C4C task's links edited, the task tagged again: the
  // revival pushed the To Do task's fields to C4C and dropped C4C's links, which flow C4C → To Do only. A revived
  // pair now takes the CRM's one-way fields (sync/plan/plan-pair.ts).
  it('gives a retagged To Do task the links its C4C task got meanwhile', async () => {
    expect(await replay(`[{"op":"tCreate","tagged":true,"inServiceList":false,"seed":0},{"op":"session","faults":${NONE}},{"op":"tTag","target":0,"tagged":false},{"op":"session","faults":${NONE}},{"op":"kEdit","target":0,"unit":"links","value":0},{"op":"tTag","target":0,"tagged":true},{"op":"session","faults":${NONE}}]`, 0)).toEqual([]);
  });

  // fast-check seed 1282280590: the update that writes the C4C link to a To Do task timed out without effect, and the
  // re-read meant to confirm it compared hashes, which leave the link out: the write counted as landed and the link
  // was never written. The task family now says when a re-read task holds such an update (domain/task-family.ts).
  it('does not take a timed-out write of the C4C link for one that landed', async () => {
    expect(await replay(`[{"op":"tCreate","tagged":false,"inServiceList":false,"seed":0},{"op":"tTag","target":0,"tagged":true},{"op":"cCreate","kind":"appointment","seed":0},{"op":"oCreate","kind":"appointment","tagged":true,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0.2}},{"op":"oRetag","target":0,"kind":"appointment"},{"op":"session","faults":{"failBefore":0.3,"failAfter":0,"crash":0,"failRead":0,"concurrentEdit":0.3,"concurrentPoll":0}},{"op":"kEdit","target":0,"unit":"importance","value":286},{"op":"tCreate","tagged":false,"inServiceList":false,"seed":0},{"op":"oRetag","target":0,"kind":"appointment"},{"op":"session","faults":${NONE}},{"op":"cCreate","kind":"appointment","seed":0},{"op":"oEdit","target":0,"unit":"subject","value":0},{"op":"tEdit","target":3,"unit":"title","value":0},{"op":"oRetag","target":0,"kind":"appointment"}]`, -1340393701)).toEqual([]);
  });

  // fast-check seed 1430969976: a session created the C4C task of a To Do task, wrote the link back and died before
  // recording the pair. The next session found the task by the record it names and paired them as made from C4C, so
  // a C4C delete later deleted the user's own To Do task (R11 deletes only what the service made). The planner now
  // pairs a task that names the record made from it as the task's (sync/plan/planner.ts).
  it('never deletes on a C4C delete a To Do task the user made whose pair a crash lost', async () => {
    expect(await replay(`[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"oCreate","kind":"appointment","tagged":true,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"tCreate","tagged":true,"inServiceList":false,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"session","faults":${NONE}},{"op":"kDelete","target":0},{"op":"cDelete","target":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"kEdit","target":0,"unit":"title","value":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"session","faults":${NONE}}]`, -837509385)).toEqual([]);
  });

  // fast-check seed -363408305 (FC_NUM_RUNS=5000): as above, but the C4C task was hard-deleted before the next session:
  // a deleted record no longer carries the GroupwareItemID that tells it was made from the To Do task, so the task
  // was taken for a copy the service made and deleted. A task that only names a deleted record is now untagged.
  it('never deletes a To Do task the user made that names a C4C task deleted while its pair was lost', async () => {
    expect(await replay(`[{"op":"tCreate","tagged":true,"inServiceList":false,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.2,"failRead":0,"concurrentEdit":0,"concurrentPoll":0.2}},{"op":"kDelete","target":0},{"op":"kCreate","forOther":false,"seed":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"tCreate","tagged":false,"inServiceList":false,"seed":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0},{"op":"tDelete","target":3},{"op":"cCancel","target":0},{"op":"tEdit","target":0,"unit":"title","value":0},{"op":"session","faults":${NONE}},{"op":"kEdit","target":0,"unit":"title","value":0},{"op":"cEdit","target":0,"unit":"subject","value":0}]`, 1211228882)).toEqual([]);
  });

  // fast-check seed 2057525576, found once a session ran its families side by side: a session created the To Do copy
  // of a C4C task and died before recording its pair; the user untagged the copy; the next session, not seeing a
  // tagged item, made a second copy (To Do creates are not idempotent). An untagged copy now gets an unlinked pair (R2).
  it('makes no second To Do copy of a C4C task when the user untagged the first before its pair was recorded', async () => {
    expect(await replay(`[{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0.1,"concurrentEdit":0,"concurrentPoll":0}},{"op":"kCreate","forOther":false,"seed":0},{"op":"session","faults":{"failBefore":0,"failAfter":0,"crash":0.5,"failRead":0,"concurrentEdit":0,"concurrentPoll":0}},{"op":"oRetag","target":0,"kind":"appointment"},{"op":"oEdit","target":0,"unit":"subject","value":0},{"op":"kEdit","target":0,"unit":"title","value":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"cEdit","target":0,"unit":"subject","value":0},{"op":"tTag","target":0,"tagged":false},{"op":"kCreate","forOther":false,"seed":0},{"op":"oUntag","target":0},{"op":"cCreate","kind":"appointment","seed":0},{"op":"oCreate","kind":"appointment","tagged":false,"seed":0}]`, 1749543494)).toEqual([]);
  });
});
