import { describe, expect, it } from 'vitest';
import { errorCodeOf, uniqueName, workflowDef, type GetStores } from './fixtures.js';

/** DefinitionStore: versions, latest, overwrite conflicts, task def upserts and their codes. */
export function describeDefinitionConformance(stores: GetStores): void {
  describe('definitions', () => {
    it('stores versions of a workflow definition and returns the latest when no version is given', async () => {
      const { definitions } = stores();
      const name = uniqueName('def');
      await definitions.saveWorkflowDef(workflowDef(name, 1, { description: 'one' }), {
        overwrite: false,
      });
      await definitions.saveWorkflowDef(workflowDef(name, 3, { description: 'three' }), {
        overwrite: false,
      });
      await definitions.saveWorkflowDef(workflowDef(name, 2, { description: 'two' }), {
        overwrite: false,
      });
      expect((await definitions.getWorkflowDef(name))?.description).toBe('three');
      expect((await definitions.getWorkflowDef(name, 2))?.description).toBe('two');
      expect(await definitions.getWorkflowDef(name, 9)).toBeNull();
      expect(await definitions.getWorkflowDef(uniqueName('missing'))).toBeNull();
      const versions = await definitions.listWorkflowDefVersions(name);
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
      expect(versions.every((v) => v.name === name && typeof v.createTime === 'number')).toBe(true);
    });

    it('treats a missing version as version 1', async () => {
      const { definitions } = stores();
      const name = uniqueName('def');
      const def = workflowDef(name);
      delete def.version;
      await definitions.saveWorkflowDef(def, { overwrite: false });
      expect((await definitions.getWorkflowDef(name, 1))?.version).toBe(1);
    });

    it('refuses to overwrite an existing version unless asked, with WORKFLOW_DEF_VERSION_EXISTS', async () => {
      const { definitions } = stores();
      const name = uniqueName('def');
      await definitions.saveWorkflowDef(workflowDef(name, 1, { description: 'first' }), {
        overwrite: false,
      });
      const code = await errorCodeOf(
        definitions.saveWorkflowDef(workflowDef(name, 1, { description: 'second' }), {
          overwrite: false,
        }),
      );
      expect(code).toBe('WORKFLOW_DEF_VERSION_EXISTS');
      expect((await definitions.getWorkflowDef(name, 1))?.description).toBe('first');

      await definitions.saveWorkflowDef(workflowDef(name, 1, { description: 'second' }), {
        overwrite: true,
      });
      const stored = await definitions.getWorkflowDef(name, 1);
      expect(stored?.description).toBe('second');
      expect(typeof stored?.createTime).toBe('number');
      expect(typeof stored?.updateTime).toBe('number');
    });

    it('lists every version by name then version, and the latest of each name', async () => {
      const { definitions } = stores();
      const prefix = uniqueName('list');
      const [b, a] = [`${prefix}_b`, `${prefix}_a`];
      for (const [name, version] of [
        [b, 1],
        [a, 2],
        [a, 1],
        [b, 5],
      ] as const) {
        await definitions.saveWorkflowDef(workflowDef(name, version), { overwrite: false });
      }
      const all = (await definitions.listWorkflowDefs()).filter((d) => d.name.startsWith(prefix));
      expect(all.map((d) => [d.name, d.version])).toEqual([
        [a, 1],
        [a, 2],
        [b, 1],
        [b, 5],
      ]);
      const latest = (await definitions.listLatestWorkflowDefs()).filter((d) =>
        d.name.startsWith(prefix),
      );
      expect(latest.map((d) => [d.name, d.version])).toEqual([
        [a, 2],
        [b, 5],
      ]);
    });

    it('deletes one version and answers WORKFLOW_DEF_NOT_FOUND for a missing one', async () => {
      const { definitions } = stores();
      const name = uniqueName('def');
      await definitions.saveWorkflowDef(workflowDef(name, 1), { overwrite: false });
      await definitions.saveWorkflowDef(workflowDef(name, 2), { overwrite: false });
      await definitions.deleteWorkflowDef(name, 2);
      expect(await definitions.getWorkflowDef(name, 2)).toBeNull();
      expect((await definitions.getWorkflowDef(name))?.version).toBe(1);
      expect(await errorCodeOf(definitions.deleteWorkflowDef(name, 2))).toBe(
        'WORKFLOW_DEF_NOT_FOUND',
      );
      expect(await errorCodeOf(definitions.deleteWorkflowDef(uniqueName('none'), 1))).toBe(
        'WORKFLOW_DEF_NOT_FOUND',
      );
    });

    it('keeps unknown fields of a definition on a round trip and hands out frozen reads', async () => {
      const { definitions } = stores();
      const name = uniqueName('def');
      const def = workflowDef(name, 1, { custom: { nested: [1, 2] } });
      await definitions.saveWorkflowDef(def, { overwrite: false });
      def.description = 'changed after save';
      const read = await definitions.getWorkflowDef(name, 1);
      expect(read?.custom).toEqual({ nested: [1, 2] });
      expect(read?.description).toBeUndefined();
      expect(() => Object.assign(read ?? {}, { description: 'changed after read' })).toThrow(
        TypeError,
      );
      expect(() => (read?.custom as { nested: number[] }).nested.push(3)).toThrow(TypeError);
      expect((await definitions.getWorkflowDef(name, 1))?.description).toBeUndefined();
      const listed = (await definitions.listWorkflowDefs()).find((d) => d.name === name);
      if (listed) listed.description = 'changed in a listing';
      expect((await definitions.getWorkflowDef(name, 1))?.description).toBeUndefined();
    });

    it('hands out frozen task definitions and the changed one after a change', async () => {
      const { definitions } = stores();
      const name = uniqueName('taskdef');
      await definitions.saveTaskDefs([{ name, retryCount: 1, inputKeys: ['a'] }]);
      const read = await definitions.getTaskDef(name);
      expect(() => Object.assign(read ?? {}, { retryCount: 9 })).toThrow(TypeError);
      expect(() => read?.inputKeys?.push('b')).toThrow(TypeError);
      expect((await definitions.getTaskDef(name))?.retryCount).toBe(1);
      await definitions.updateTaskDef({ name, retryCount: 2 });
      expect((await definitions.getTaskDef(name))?.retryCount).toBe(2);
    });

    it('upserts task definitions without a conflict and stamps their times', async () => {
      const { definitions } = stores();
      const name = uniqueName('taskdef');
      await definitions.saveTaskDefs([{ name, retryCount: 1 }]);
      const created = await definitions.getTaskDef(name);
      expect(created?.retryCount).toBe(1);
      expect(typeof created?.createTime).toBe('number');
      await definitions.saveTaskDefs([{ name, retryCount: 2 }]);
      const replaced = await definitions.getTaskDef(name);
      expect(replaced?.retryCount).toBe(2);
      expect(typeof replaced?.updateTime).toBe('number');
      expect(await definitions.getTaskDef(uniqueName('missing'))).toBeNull();
    });

    it('updates only registered task definitions, else TASK_DEF_NOT_FOUND', async () => {
      const { definitions } = stores();
      const name = uniqueName('taskdef');
      expect(await errorCodeOf(definitions.updateTaskDef({ name, retryCount: 5 }))).toBe(
        'TASK_DEF_NOT_FOUND',
      );
      expect(await definitions.getTaskDef(name)).toBeNull();
      await definitions.saveTaskDefs([{ name, retryCount: 1 }]);
      await definitions.updateTaskDef({ name, retryCount: 5 });
      expect((await definitions.getTaskDef(name))?.retryCount).toBe(5);
    });

    it('lists task definitions by name and deletes them, else TASK_DEF_NOT_FOUND', async () => {
      const { definitions } = stores();
      const prefix = uniqueName('taskdefs');
      await definitions.saveTaskDefs([{ name: `${prefix}_b` }, { name: `${prefix}_a` }]);
      const listed = (await definitions.listTaskDefs()).filter((d) => d.name.startsWith(prefix));
      expect(listed.map((d) => d.name)).toEqual([`${prefix}_a`, `${prefix}_b`]);
      await definitions.deleteTaskDef(`${prefix}_a`);
      expect(await definitions.getTaskDef(`${prefix}_a`)).toBeNull();
      expect(await errorCodeOf(definitions.deleteTaskDef(`${prefix}_a`))).toBe(
        'TASK_DEF_NOT_FOUND',
      );
    });

    it('keeps the test cases saved for a workflow name and replaces them on the next save', async () => {
      const { definitions } = stores();
      const name = uniqueName('tests');
      expect(await definitions.getWorkflowTests(name)).toEqual([]);
      const cases = [
        {
          name: 'oven',
          input: { ovenType: 'oven', text: "it's \u0000-free" },
          taskRefToMockOutput: { bake: [{ status: 'FAILED' as const }, { output: { ok: true } }] },
          expect: { status: 'COMPLETED', output: { heatedWith: 'oven' }, tasksRan: ['bake'] },
        },
      ];
      await definitions.saveWorkflowTests(name, cases);
      cases[0]!.name = 'changed after save';
      const read = await definitions.getWorkflowTests(name);
      expect(read.map((c) => c.name)).toEqual(['oven']);
      expect(read[0]?.taskRefToMockOutput?.['bake']).toEqual([
        { status: 'FAILED' },
        { output: { ok: true } },
      ]);
      await definitions.saveWorkflowTests(name, [{ name: 'b' }, { name: 'a' }]);
      expect((await definitions.getWorkflowTests(name)).map((c) => c.name)).toEqual(['b', 'a']);
      await definitions.saveWorkflowTests(name, []);
      expect(await definitions.getWorkflowTests(name)).toEqual([]);
      expect(await definitions.getWorkflowTests(uniqueName('other'))).toEqual([]);
    });

    it('deletes the test cases with the last version of a workflow, not before', async () => {
      const { definitions } = stores();
      const name = uniqueName('tests');
      const other = uniqueName('tests');
      await definitions.saveWorkflowDef(workflowDef(name, 1), { overwrite: false });
      await definitions.saveWorkflowDef(workflowDef(name, 2), { overwrite: false });
      await definitions.saveWorkflowDef(workflowDef(other, 1), { overwrite: false });
      await definitions.saveWorkflowTests(name, [{ name: 'kept' }]);
      await definitions.saveWorkflowTests(other, [{ name: 'other' }]);
      await definitions.deleteWorkflowDef(name, 2);
      expect((await definitions.getWorkflowTests(name)).map((c) => c.name)).toEqual(['kept']);
      expect(await errorCodeOf(definitions.deleteWorkflowDef(name, 2))).toBe(
        'WORKFLOW_DEF_NOT_FOUND',
      );
      expect((await definitions.getWorkflowTests(name)).map((c) => c.name)).toEqual(['kept']);
      await definitions.deleteWorkflowDef(name, 1);
      expect(await definitions.getWorkflowTests(name)).toEqual([]);
      expect((await definitions.getWorkflowTests(other)).map((c) => c.name)).toEqual(['other']);
      // A workflow registered again under the name starts without the old cases.
      await definitions.saveWorkflowDef(workflowDef(name, 1), { overwrite: false });
      expect(await definitions.getWorkflowTests(name)).toEqual([]);
    });
  });
}
