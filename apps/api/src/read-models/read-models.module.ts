import { Global, Module } from '@nestjs/common';
import { ReadModels } from './read-models.service';

@Global()
@Module({ providers: [ReadModels], exports: [ReadModels] })
export class ReadModelsModule {}
