'use client';

export { default } from '@/components/errors/page-error';
