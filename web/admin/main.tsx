import { mount } from '@shared/boot.tsx';
import { App } from './App.tsx';
import { catalogues } from './messages/index.ts';
import './admin.css';

mount(App, catalogues);
