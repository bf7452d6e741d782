import antd from 'antd/es/locale/en_US';
import type { Words } from '../language';
import insights from './insights.en.json';
import orgTasks from './org-tasks.en.json';
import tasks from './tasks.en.json';
import main from './en.json';

/** English, in a chunk of its own (see words.zh-CN.ts). */
export const words: Words = { translation: { ...main, tasks, orgTasks, insights }, antd };
